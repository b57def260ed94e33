package com.podium.connect;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.podium.testsupport.RealInfrastructure;

/**
 * Another instance of the application on the tests' database and broker, as a second pod or a restarted one would
 * be: the test profile, no web server, nothing in memory but what it reads itself.
 */
public final class AnotherInstance {

    private AnotherInstance() {
    }

    /** @param settings more {@code --key=value} arguments */
    public static ConfigurableApplicationContext start(URI trainingPeaks, String... settings) {
        List<String> args = new ArrayList<>(RealInfrastructure.endpoints().springArgs());
        args.addAll(List.of("--trainingpeaks.auth-base=" + trainingPeaks, "--trainingpeaks.api-base=" + trainingPeaks,
                "--spring.jmx.enabled=false"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(PodiumConnectApplication.class).web(WebApplicationType.NONE)
            .profiles("test")
            .run(args.toArray(String[]::new));
    }
}
