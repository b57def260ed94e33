package com.podium.connect.token.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks, before any bean is created, that the settings without which the service cannot work are there, and
 * names all that are missing at once: a newcomer sees "TP_CLIENT_ID is not set" instead of a database or bean
 * creation error further down.
 */
public class RequiredSettingsCheck implements EnvironmentPostProcessor, Ordered {

    /** Property to environment variable, in the order they are reported. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("trainingpeaks.client-id", "TP_CLIENT_ID");
        REQUIRED.put("trainingpeaks.client-secret", "TP_CLIENT_SECRET");
        REQUIRED.put("podium.tokens.encryption.keys", "PODIUM_TOKEN_KEYS");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("podium.settings-check.enabled", Boolean.class, true)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            String value = environment.getProperty(property);
            if (value == null || value.isBlank()) {
                missing.add(variable);
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    /** After the config data (application.yml, .env) is loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
