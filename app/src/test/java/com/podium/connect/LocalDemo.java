package com.podium.connect;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import com.podium.testsupport.RealInfrastructure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * Runs the whole service locally without Docker and without TrainingPeaks credentials:
 * {@code ./mvnw -B install -DskipTests && ./mvnw -pl app spring-boot:test-run}.
 * <p>
 * The TrainingPeaks stand-in answers on 127.0.0.1:8502, PostgreSQL and Kafka come from {@link RealInfrastructure}
 * (a throwaway database on the local PostgreSQL and an in-process KRaft broker, or containers where Docker runs).
 * The production code path is unchanged: only the TP_* addresses point at the stand-in. When the service is up, one
 * "ready" block lists what to open.
 */
public final class LocalDemo {

    /** Loggers of the in-process broker and the infrastructure probes: their INFO lines bury the service's own. */
    private static final Map<String, Level> QUIET = Map.of(
            "org.apache.kafka", Level.WARN,
            "kafka", Level.WARN,
            "state.change.logger", Level.WARN,
            "org.apache.zookeeper", Level.WARN,
            "org.testcontainers", Level.WARN,
            "com.github.dockerjava", Level.WARN,
            "tc", Level.WARN);

    public static void main(String[] args) {
        quietInfrastructureLogs();
        TrainingPeaksStandIn standIn = TrainingPeaksStandIn.start(TrainingPeaksStandIn.DEFAULT_DEMO_PORT)
            // Show the consent page, and tokens short-lived enough to watch a refresh happen.
            .autoApprove(false)
            .accessTokenLifetime(Duration.ofMinutes(2));
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        System.setProperty("trainingpeaks.client-id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID);
        System.setProperty("trainingpeaks.client-secret", TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);
        System.setProperty("trainingpeaks.auth-base", standIn.baseUri().toString());
        System.setProperty("trainingpeaks.api-base", standIn.baseUri().toString());
        // A fresh key and ops token each run: the demo database is thrown away at exit too.
        System.setProperty("podium.tokens.encryption.keys", "demo:" + randomBase64(32));
        String opsToken = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        System.setProperty("podium.security.machine-token", opsToken);
        System.setProperty("podium.tokens.scheduler.interval", "PT5S");
        System.setProperty("podium.auth.pkce-enabled", "true");
        // Sign in as athlete, coach or ops (password "demo"), listed on the sign-in page.
        System.setProperty("podium.security.demo-users", "true");
        System.setProperty("spring.datasource.url", infra.jdbcUrl());
        System.setProperty("spring.datasource.username", infra.username());
        System.setProperty("spring.datasource.password", infra.password());
        System.setProperty("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "stop-stand-in"));
        ConfigurableApplicationContext context = SpringApplication.from(PodiumConnectApplication::main).run(args)
            .getApplicationContext();
        String port = context.getEnvironment().getProperty("local.server.port", "8501");
        System.out.println(readyBlock("http://localhost:" + port, standIn.baseUri().toString(), opsToken, infra));
    }

    static String readyBlock(String app, String standIn, String opsToken, RealInfrastructure.Endpoints infra) {
        String standInBase = standIn.endsWith("/") ? standIn.substring(0, standIn.length() - 1) : standIn;
        return """

                ==================================================================================================
                 Podium Connect local demo is ready (README, "Local demo, step by step")
                   Sign in              %1$s/signin  as athlete, coach or ops, password demo
                   Audit log            %1$s/api/audit/events?athleteId=athlete  (as ops, or with the ops token)
                   Health               %1$s/actuator/health
                   Metrics              %1$s/actuator/prometheus
                   TrainingPeaks stand-in %2$s/_standin/state
                   Ops token (this run) export PODIUM_OPS_TOKEN='%3$s'
                   Replay (ops)         curl -sS -X POST %1$s/ops/replay -H "Authorization: Bearer $PODIUM_OPS_TOKEN" \\
                                          -H 'Content-Type: application/json' -d '{"athleteId":"athlete","target":"CONSOLE"}'
                   Database / Kafka     %4$s / %5$s
                 Ctrl+C stops the demo and drops its database.
                ==================================================================================================
                """.formatted(app, standInBase, opsToken, infra.jdbcUrl(), infra.kafkaBootstrapServers());
    }

    /**
     * Before the broker starts, i.e. before Spring Boot configures logging (logback's own default is DEBUG), and
     * again for Spring Boot's configuration.
     */
    private static void quietInfrastructureLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        QUIET.forEach((name, level) -> {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
            System.setProperty("logging.level." + name, level.toString());
        });
    }

    private static String randomBase64(int bytes) {
        return Base64.getEncoder().encodeToString(randomBytes(bytes));
    }

    private static byte[] randomBytes(int count) {
        byte[] random = new byte[count];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
