package com.podium.connect.token.config;

import java.nio.file.Path;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints which environment variables to set instead of a stack trace. */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis(
                "Podium Connect cannot start: " + String.join(", ", cause.variables()) + " "
                        + (cause.variables().size() == 1 ? "is" : "are") + " not set.",
                "Set them as environment variables or in " + Path.of(".env").toAbsolutePath().normalize()
                        + " (the .env file in the working directory; see .env.example and"
                        + " the README's Configuration table). PODIUM_TOKEN_KEYS takes id:base64 of 32 random bytes,"
                        + " e.g. k1:$(openssl rand -base64 32). For a local try-out without TrainingPeaks, run the demo:"
                        + " ./mvnw -pl app spring-boot:test-run",
                cause);
    }
}
