package com.podium.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the application's PostgreSQL database when it is missing, so that a first local run needs no
 * {@code createdb}. Only for a database on this machine (loopback address), never for a remote one: there a missing
 * database means a wrong {@code DATABASE_URL}, and Flyway's error says so.
 */
final class LocalDatabase {

    private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/,]+)/([A-Za-z0-9_]+)(\\?.*)?");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final String DUPLICATE_DATABASE = "42P04";

    /** Where a database would be created: the server's maintenance database and the name. */
    record Target(String maintenanceUrl, String database) {
    }

    private LocalDatabase() {
    }

    /** The target for a JDBC URL of a single local PostgreSQL with a plain database name; otherwise empty. */
    static Optional<Target> target(String jdbcUrl) {
        Matcher url = URL.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!url.matches()) {
            return Optional.empty();
        }
        String hostAndPort = url.group(1);
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                : hostAndPort.split(":")[0];
        if (!LOOPBACK.contains(host)) {
            return Optional.empty();
        }
        String parameters = url.group(3) == null ? "" : url.group(3);
        return Optional.of(new Target("jdbc:postgresql://" + hostAndPort + "/postgres" + parameters, url.group(2)));
    }

    /**
     * Creates the database of {@code jdbcUrl} if it is local and missing. Never fails start-up itself: when the
     * server cannot be asked, Flyway's connection attempt reports the problem right after.
     *
     * @return whether this call created it
     */
    static boolean createIfMissing(String jdbcUrl, String user, String password) {
        Optional<Target> target = target(jdbcUrl);
        if (target.isEmpty()) {
            return false;
        }
        String database = target.get().database();
        try (Connection admin = DriverManager.getConnection(target.get().maintenanceUrl(), user, password)) {
            try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                if (exists.executeQuery().next()) {
                    return false;
                }
            }
            // The name matched [A-Za-z0-9_]+; quoted so that its case is kept as written in the URL.
            admin.createStatement().execute("CREATE DATABASE \"" + database + "\"");
            log.info("Created the missing database {} on the local PostgreSQL (podium.database.create-if-missing)",
                    database);
            return true;
        }
        catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                return false; // another instance created it a moment ago
            }
            log.warn("Could not check or create database {} on the local PostgreSQL: {}", database, e.getMessage());
            return false;
        }
    }
}
