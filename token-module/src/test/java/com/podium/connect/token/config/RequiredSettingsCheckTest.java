package com.podium.connect.token.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class RequiredSettingsCheckTest {

    final RequiredSettingsCheck check = new RequiredSettingsCheck();

    @Test
    void namesEveryMissingVariableAtOnce() {
        MockEnvironment environment = new MockEnvironment().withProperty("trainingpeaks.client-id", "id")
            .withProperty("trainingpeaks.client-secret", " ");

        MissingSettingsException e = catchThrowableOfType(MissingSettingsException.class,
                () -> check.postProcessEnvironment(environment, new SpringApplication()));

        assertThat(e.variables()).containsExactly("TP_CLIENT_SECRET", "PODIUM_TOKEN_KEYS");
        FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(e);
        assertThat(analysis.getDescription())
            .isEqualTo("Podium Connect cannot start: TP_CLIENT_SECRET, PODIUM_TOKEN_KEYS are not set.");
        assertThat(analysis.getAction()).contains(".env", "openssl rand -base64 32");
    }

    @Test
    void passesWhenEverythingIsSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("trainingpeaks.client-id", "id")
            .withProperty("trainingpeaks.client-secret", "secret")
            .withProperty("podium.tokens.encryption.keys", "k1:abc");

        assertThatNoException().isThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()));
    }
}
