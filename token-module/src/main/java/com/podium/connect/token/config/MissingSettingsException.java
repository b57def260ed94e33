package com.podium.connect.token.config;

import java.util.List;

/** Required settings are not set; {@link MissingSettingsFailureAnalyzer} turns it into a readable start-up report. */
public class MissingSettingsException extends IllegalStateException {

    private final List<String> variables;

    public MissingSettingsException(List<String> variables) {
        super("Required settings are not set: " + String.join(", ", variables));
        this.variables = List.copyOf(variables);
    }

    public List<String> variables() {
        return variables;
    }
}
