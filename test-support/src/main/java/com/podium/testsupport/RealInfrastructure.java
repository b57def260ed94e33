package com.podium.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one switch between the two kinds of real infrastructure integration tests run on. Also points the
 * application at the {@link SharedStandIn TrainingPeaks stand-in}.
 * <p>
 * With a Docker engine: a PostgreSQL and a Kafka container (Testcontainers). Without one (CI here): the
 * PostgreSQL already running on this machine, in a throwaway database made for this JVM, and an in-process
 * KRaft Kafka broker. Either way the database and the broker are real; nothing is mocked.
 * <p>
 * {@code PODIUM_TEST_INFRA=containers|local} forces a side; the default {@code auto} asks Docker. Started once per
 * JVM so every Spring context of a test run, including two "instances" side by side, shares one database and one
 * broker, as two real instances would.
 */
public final class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);

    /** Where the services are: what a Spring context needs to reach them. */
    public record Endpoints(String jdbcUrl, String username, String password, String kafkaBootstrapServers) {

        /** The command-line arguments that point a Spring Boot application at this database and broker. */
        public java.util.List<String> springArgs() {
            return java.util.List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + username,
                    "--spring.datasource.password=" + password, "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers);
        }
    }

    private static Endpoints endpoints;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Endpoints e = endpoints();
        String trainingPeaks = SharedStandIn.get().baseUri().toString();
        MapPropertySource infrastructure = new MapPropertySource("realInfrastructure", Map.of(
                "spring.datasource.url", e.jdbcUrl(),
                "spring.datasource.username", e.username(),
                "spring.datasource.password", e.password(),
                "spring.kafka.bootstrap-servers", e.kafkaBootstrapServers(),
                "trainingpeaks.auth-base", trainingPeaks,
                "trainingpeaks.api-base", trainingPeaks));
        // Above system properties, environment and the application's configuration; below a test's own inlined
        // and dynamic properties, so a test can still point TrainingPeaks elsewhere (e.g. at a closed port).
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, infrastructure);
        }
        else {
            sources.addFirst(infrastructure);
        }
    }

    /** Starts the services on first use and returns their addresses. */
    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = useContainers() ? startContainers() : startLocal();
            log.info("Test infrastructure: database {} , Kafka {}", endpoints.jdbcUrl(), endpoints.kafkaBootstrapServers());
        }
        return endpoints;
    }

    private static boolean useContainers() {
        String choice = System.getenv().getOrDefault("PODIUM_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "containers" -> true;
            case "local" -> false;
            case "auto" -> dockerAnswers();
            default -> throw new IllegalStateException(
                    "PODIUM_TEST_INFRA must be containers, local or auto, not '" + choice + "'");
        };
    }

    private static boolean dockerAnswers() {
        if (!dockerPlausible()) {
            return false; // skip Testcontainers' probe, which logs a scary but expected ERROR without Docker
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Whether anything on this machine points at a Docker engine; if not, there is no need to ask. */
    private static boolean dockerPlausible() {
        if (System.getenv("DOCKER_HOST") != null || System.getProperty("os.name", "").startsWith("Windows")) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtime = System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/run/user/unknown");
        return Stream.of("/var/run/docker.sock", home + "/.docker/run/docker.sock",
                home + "/.docker/desktop/docker.sock", runtime + "/docker.sock", home + "/.testcontainers.properties")
            .anyMatch(path -> Files.exists(Path.of(path)));
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper at JVM exit
    private static Endpoints startContainers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.8.0");
        postgres.start();
        kafka.start();
        return new Endpoints(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                kafka.getBootstrapServers());
    }

    private static Endpoints startLocal() {
        String host = System.getenv().getOrDefault("PODIUM_TEST_PG_HOST", "127.0.0.1:5432");
        String user = System.getenv().getOrDefault("PODIUM_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("PODIUM_TEST_PG_PASSWORD", "");
        String database = "podium_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = "jdbc:postgresql://" + host + "/postgres";

        execute(admin, user, password, "CREATE DATABASE " + database);
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();

        // At JVM exit, after Spring Boot closed every cached context (its shutdown handlers run then; plain JVM hooks
        // run in parallel with it). The broker is not shut down: Kafka's own hook deletes its log directories at the
        // same time, and a broker stopping without them hung in its log cleaner until Surefire killed the test JVM
        // 30 s later. Its threads end with the JVM.
        SpringApplication.getShutdownHandlers().add(
                () -> execute(admin, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
        return new Endpoints("jdbc:postgresql://" + host + "/" + database, user, password, kafka.getBrokersAsString());
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.createStatement().execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " refused '" + sql + "': " + e.getMessage()
                    + " (is it running? see .ci/run for how CI starts it)", e);
        }
    }
}
