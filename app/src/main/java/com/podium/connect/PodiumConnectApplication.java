package com.podium.connect;

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

    public static void main(String[] args) {
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
}
