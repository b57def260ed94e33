package com.podium.connect.token.crypto;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenCommands;

/**
 * {@code java -jar app.jar re-encrypt-tokens}: re-encrypts all stored tokens under the active key and prints how
 * many. The application's main method runs it without a web server and exits afterwards.
 */
@Component
public class ReEncryptTokensCommand implements ApplicationRunner {

    private final TokenReEncryption reEncryption;

    public ReEncryptTokensCommand(TokenReEncryption reEncryption) {
        this.reEncryption = reEncryption;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (TokenCommands.isReEncrypt(args.getSourceArgs())) {
            System.out.println(TokenCommands.RE_ENCRYPT + ": " + reEncryption.reEncryptAll() + " rows re-encrypted");
        }
    }
}
