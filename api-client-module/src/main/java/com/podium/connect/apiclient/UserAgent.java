package com.podium.connect.apiclient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * TrainingPeaks requires {@code User-Agent: [Name of your application or client_identifier]/[version number]} on
 * every API request and checks it before promoting an app to production (wiki Home page; research S3, S4).
 */
final class UserAgent {

    /** {@code PodiumConnect/<project version>}, the version filtered in at build time. */
    static final String DEFAULT = "PodiumConnect/" + version();

    private UserAgent() {
    }

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("@") ? "dev" : version;
        }
        catch (IOException e) {
            return "dev";
        }
    }

    /** {@code name/version}: one slash with something on both sides, no whitespace or control characters. */
    static boolean wellFormed(String value) {
        return value != null && value.matches("[^\\s/]+/[^\\s/]+");
    }
}
