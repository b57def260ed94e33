package com.podium.connect;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.podium.connect.ops.ReplayCommandLine;
import com.podium.connect.token.TokenCommands;

/**
 * Podium Connect: assembles the auth, token and API client modules (one Spring Modulith application module each,
 * under this package) into one service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PodiumConnectApplication {

    /** Exit status of a command line the application does not understand. */
    static final int BAD_ARGUMENTS = 2;

    public static void main(String[] args) {
        Optional<String> unknown = unknownCommand(args);
        if (unknown.isPresent()) {
            // E.g. `java -jar app/target/*.jar replay` expanding to two jars: say so instead of starting the service.
            System.err.println("Unknown command '" + unknown.get() + "'. Run without a command to start the service,"
                    + " or with one of: " + ReplayCommandLine.COMMAND + ", " + TokenCommands.RE_ENCRYPT
                    + " (see the README, \"Troubleshooting\").");
            System.exit(BAD_ARGUMENTS);
        }
        SpringApplication application = new SpringApplication(PodiumConnectApplication.class);
        // `java -jar app.jar replay ...` and `... re-encrypt-tokens` are one-shot ops commands: no web server, no
        // consumers or background refresh, exit when done.
        boolean command = ReplayCommandLine.isReplay(args) || TokenCommands.isReEncrypt(args);
        if (command) {
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setDefaultProperties(ReplayCommandLine.defaultProperties());
        }
        ConfigurableApplicationContext context = application.run(args);
        if (command) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The first argument that is not an {@code --option}, when it names no command of ours. */
    static Optional<String> unknownCommand(String... args) {
        return Arrays.stream(args)
            .filter(arg -> !arg.startsWith("--"))
            .findFirst()
            .filter(first -> !ReplayCommandLine.isReplay(args) && !TokenCommands.isReEncrypt(args));
    }
}
