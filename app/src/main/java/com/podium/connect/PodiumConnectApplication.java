package com.podium.connect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Podium Connect: assembles the auth, token and API client modules (one Spring Modulith application module each,
 * under this package) into one service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PodiumConnectApplication {

    public static void main(String[] args) {
        SpringApplication.run(PodiumConnectApplication.class, args);
    }
}
