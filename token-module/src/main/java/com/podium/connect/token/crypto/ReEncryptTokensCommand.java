package com.podium.connect.token.crypto;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar app.jar re-encrypt-tokens}: re-encrypts all stored tokens under the active key, prints how many,
 * and exits. See README, "Rotating the token encryption key".
 */
@Component
public class ReEncryptTokensCommand implements ApplicationRunner {

    public static final String NAME = "re-encrypt-tokens";

    private final TokenReEncryption reEncryption;
    private final ConfigurableApplicationContext context;

    public ReEncryptTokensCommand(TokenReEncryption reEncryption, ConfigurableApplicationContext context) {
        this.reEncryption = reEncryption;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int done = reEncryption.reEncryptAll();
        System.out.println("re-encrypt-tokens: " + done + " rows re-encrypted");
        ExitCodeGenerator ok = () -> 0;
        System.exit(SpringApplication.exit(context, ok));
    }
}
