package com.podium.connect;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.boot.SpringApplication;

import com.podium.testsupport.RealInfrastructure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * Runs the whole service locally without Docker and without TrainingPeaks credentials:
 * {@code ./mvnw -B install -DskipTests && ./mvnw -pl app spring-boot:test-run}.
 * <p>
 * The TrainingPeaks stand-in answers on 127.0.0.1:8502, PostgreSQL and Kafka come from {@link RealInfrastructure}
 * (a throwaway database on the local PostgreSQL and an in-process KRaft broker, or containers where Docker runs).
 * The production code path is unchanged: only the TP_* addresses point at the stand-in.
 */
public final class LocalDemo {

    public static void main(String[] args) {
        TrainingPeaksStandIn standIn = TrainingPeaksStandIn.start(TrainingPeaksStandIn.DEFAULT_DEMO_PORT);
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        System.setProperty("trainingpeaks.client-id", TrainingPeaksStandIn.DEFAULT_CLIENT_ID);
        System.setProperty("trainingpeaks.client-secret", TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);
        System.setProperty("trainingpeaks.auth-base", standIn.baseUri().toString());
        System.setProperty("trainingpeaks.api-base", standIn.baseUri().toString());
        // A fresh key each run: the demo database is thrown away at exit too.
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        System.setProperty("podium.tokens.encryption.keys", "demo:" + Base64.getEncoder().encodeToString(key));
        System.setProperty("spring.datasource.url", infra.jdbcUrl());
        System.setProperty("spring.datasource.username", infra.username());
        System.setProperty("spring.datasource.password", infra.password());
        System.setProperty("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "stop-stand-in"));
        SpringApplication.from(PodiumConnectApplication::main).run(args);
    }
}
