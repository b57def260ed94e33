package com.podium.connect.benchmarks;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.podium.connect.PodiumConnectApplication;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.RealInfrastructure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The token read path: {@code getToken} for tokens that are not due, on the real PostgreSQL, from 1 and 8
 * threads. The {@code tokenEndpointCalls} counter proves reads make no network call: it must stay 0.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TokenReadBenchmark {

    static final int ATHLETES = 100;

    TrainingPeaksStandIn standIn;
    ConfigurableApplicationContext context;
    Tokens tokens;

    @Setup(Level.Trial)
    public void start() {
        standIn = TrainingPeaksStandIn.start(0);
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        context = new SpringApplicationBuilder(PodiumConnectApplication.class).web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + infra.jdbcUrl(), "--spring.datasource.username=" + infra.username(),
                    "--spring.datasource.password=" + infra.password(),
                    "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                    "--trainingpeaks.client-id=" + TrainingPeaksStandIn.DEFAULT_CLIENT_ID,
                    "--trainingpeaks.client-secret=" + TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                    "--trainingpeaks.auth-base=" + standIn.baseUri(), "--trainingpeaks.api-base=" + standIn.baseUri(),
                    "--podium.tokens.encryption.keys=bench:" + Base64.getEncoder().encodeToString(key),
                    "--podium.tokens.scheduler.enabled=false", "--logging.level.root=warn");
        tokens = context.getBean(Tokens.class);
        standIn.accessTokenLifetime(Duration.ofHours(1));
        for (int i = 0; i < ATHLETES; i++) {
            TokenGrant grant = tokens.exchangeAuthorizationCode(
                    standIn.authorizeAsBrowser("http://localhost:8501/", "athlete:profile workouts:read"), null);
            tokens.store("bench-" + i, AccountRole.ATHLETE, grant);
        }
        standIn.resetCounters();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
        standIn.close();
    }

    /** Reported next to the scores: token endpoint calls made during the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class NetworkCalls {

        TokenReadBenchmark benchmark;

        @Setup(Level.Iteration)
        public void bind(TokenReadBenchmark benchmark) {
            this.benchmark = benchmark;
        }

        public long tokenEndpointCalls() {
            return benchmark.standIn.tokenCalls();
        }
    }

    @Benchmark
    @Threads(1)
    public String getTokenOneThread(NetworkCalls calls) {
        return tokens.getToken("bench-" + ThreadLocalRandom.current().nextInt(ATHLETES)).value();
    }

    @Benchmark
    @Threads(8)
    public String getTokenEightThreads(NetworkCalls calls) {
        return tokens.getToken("bench-" + ThreadLocalRandom.current().nextInt(ATHLETES)).value();
    }
}
