package com.podium.connect.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The hot read: a valid access token for one of 100 athletes whose tokens are not due, from 1, 2 and 8 threads, on
 * the real PostgreSQL and one shared connection pool.
 * <ul>
 * <li>{@code podium}: {@code Tokens.getToken}, the token module as configured by default: served from its
 * access-token cache.</li>
 * <li>{@code podiumDatabase}: the same with the cache off ({@code podium.tokens.cache.max-age=0}), so every read is
 * the database read and the decryption, as every cache miss is.</li>
 * <li>{@code springSecurity}: {@code AuthorizedClientServiceOAuth2AuthorizedClientManager.authorize} over
 * {@code JdbcOAuth2AuthorizedClientService} (tokens stored in plaintext).</li>
 * <li>{@code floor}: what any encrypted read must do at least — one primary-key {@code SELECT} of the ciphertext
 * and one AES-GCM decryption with a reused cipher, by hand.</li>
 * </ul>
 * A trial fails if any read reached the token endpoint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Two forks: the spread between JVMs (and PostgreSQL's state) is a large part of the error, which one fork hides.
// Eight warm-up seconds: with six, scores still rose over the first measured iterations.
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1" })
public class TokenReadBenchmark {

    static final int ATHLETES = 100;

    @Param({ "podium", "podiumDatabase", "springSecurity", "floor" })
    public String contender;

    TrainingPeaksStandIn standIn;
    PodiumInstances instances;
    Read read;

    interface Read {
        String token(String athleteId) throws Exception;
    }

    @Setup(Level.Trial)
    public void start() {
        standIn = TrainingPeaksStandIn.start(0);
        instances = new PodiumInstances(standIn);
        ConfigurableApplicationContext context = contender.equals("podiumDatabase")
                ? instances.start(false, "--podium.tokens.cache.max-age=0s") : instances.start(false);
        Tokens tokens = context.getBean(Tokens.class);
        DataSource dataSource = context.getBean(DataSource.class);
        SpringSecurityContender.createSchema(dataSource);
        SpringSecurityContender spring = new SpringSecurityContender(dataSource, standIn);
        for (int i = 0; i < ATHLETES; i++) {
            TokenGrant grant = PodiumInstances.expiringAt(instances.freshGrant(tokens),
                    java.time.Instant.now().plus(Duration.ofHours(1)), Duration.ofHours(1));
            tokens.store(athlete(i), AccountRole.ATHLETE, grant);
            spring.save(athlete(i), grant);
        }
        read = switch (contender) {
            case "podium", "podiumDatabase" -> id -> tokens.getToken(id).value();
            case "springSecurity" -> spring::accessToken;
            case "floor" -> new Floor(dataSource, instances.key())::token;
            default -> throw new IllegalArgumentException(contender);
        };
        standIn.resetCounters();
    }

    @TearDown(Level.Trial)
    public void stop() {
        int calls = standIn.tokenCalls();
        instances.close();
        standIn.close();
        if (calls > 0) {
            throw new IllegalStateException(contender + " made " + calls + " token endpoint calls during hot reads");
        }
    }

    static String athlete(int i) {
        return "bench-" + i;
    }

    private String readOne() throws Exception {
        return read.token(athlete(ThreadLocalRandom.current().nextInt(ATHLETES)));
    }

    @Benchmark
    @Threads(1)
    public String threads1() throws Exception {
        return readOne();
    }

    @Benchmark
    @Threads(2)
    public String threads2() throws Exception {
        return readOne();
    }

    @Benchmark
    @Threads(8)
    public String threads8() throws Exception {
        return readOne();
    }

    /** The floor: one primary-key select of the ciphertext plus one AES-GCM decryption, nothing else. */
    static final class Floor {

        private final DataSource dataSource;
        private final SecretKeySpec key;
        private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
            try {
                return Cipher.getInstance("AES/GCM/NoPadding");
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Floor(DataSource dataSource, byte[] key) {
            this.dataSource = dataSource;
            this.key = new SecretKeySpec(key, "AES");
        }

        String token(String athleteId) throws SQLException, java.security.GeneralSecurityException {
            byte[] sealed;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection
                        .prepareStatement("SELECT access_token FROM oauth_tokens WHERE athlete_id = ?")) {
                select.setString(1, athleteId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    sealed = rs.getBytes(1);
                }
            }
            // Layout and associated data as the token module writes them (TokenCipher): format | iv(12) | sealed.
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, 12));
            cipher.updateAAD(("podium-token|v1|" + athleteId + "|" + PodiumInstances.KEY_ID + "|ACCESS_TOKEN")
                .getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, 13, sealed.length - 13), StandardCharsets.UTF_8);
        }
    }
}
