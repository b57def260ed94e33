package com.podium.connect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.podium.connect.ops.ReplayCommandLine;

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
        // `java -jar app.jar replay ...` is a one-shot ops command: no web server, exit when done.
        boolean replay = ReplayCommandLine.isReplay(args);
        if (replay) {
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setDefaultProperties(ReplayCommandLine.defaultProperties());
        }
        ConfigurableApplicationContext context = application.run(args);
        if (replay) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
