package com.podium.connect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;
import com.podium.connect.token.crypto.TokenCodec;
import com.podium.connect.token.storage.TokenStore;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * Thundering herd: {@code callers} threads ask for one athlete's token at the same moment, when it is expiring (due,
 * still valid) or already expired; on one instance, or split over two instances sharing the database. For the token
 * module and for Spring Security's client manager, with the stand-in rotating refresh tokens or not.
 * <p>
 * Counts token endpoint calls, callers that got a token, and whether the stored grant survived (its refresh token
 * still works at the stand-in afterwards). Writes {@code herd.json} into the results directory.
 * <p>
 * Arguments: {@code [resultsDir] [rounds] [callers]}, defaults {@code target/benchmark-results 4 1000}.
 */
public final class HerdRun {

    record Scenario(String contender, int instances, boolean rotation, boolean expired) {

        String name() {
            return contender + ", " + instances + (instances == 1 ? " instance" : " instances") + ", rotation "
                    + (rotation ? "on" : "off") + ", " + (expired ? "expired" : "expiring");
        }
    }

    record Herd(int tokenCalls, int served, boolean grantSurvived, long millis) {
    }

    /** One contender's view of an athlete's grant, on one instance. */
    interface Side {
        void store(String athleteId, TokenGrant grant);

        String accessToken(String athleteId);

        String storedRefreshToken(String athleteId);
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "target/benchmark-results");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        try (TrainingPeaksStandIn standIn = TrainingPeaksStandIn.start(0);
                PodiumInstances instances = new PodiumInstances(standIn)) {
            standIn.accessTokenLifetime(Duration.ofSeconds(600)); // TrainingPeaks' documented lifetime
            List<ConfigurableApplicationContext> contexts = List.of(instances.start(false), instances.start(false));
            Tokens setup = contexts.get(0).getBean(Tokens.class);
            SpringSecurityContender.createSchema(contexts.get(0).getBean(DataSource.class));
            Map<String, List<Side>> sides = Map.of("podium", contexts.stream().map(HerdRun::podium).toList(),
                    "springSecurity", contexts.stream().map(c -> spring(c, standIn)).toList());

            ExecutorService pool = Executors.newFixedThreadPool(callers);
            Map<Scenario, List<Herd>> herds = new LinkedHashMap<>();
            AtomicInteger athlete = new AtomicInteger();
            for (String contender : List.of("podium", "springSecurity")) { // warm-up, not recorded
                herd(standIn, instances, setup, sides.get(contender), new Scenario(contender, 2, false, true),
                        "warm-up-" + contender, callers, pool);
            }
            for (int round = 0; round < rounds; round++) {
                for (boolean expired : new boolean[] { false, true }) {
                    for (boolean rotation : new boolean[] { true, false }) {
                        for (int n : new int[] { 1, 2 }) {
                            // Alternate which contender goes first, so neither always meets a warmer machine.
                            List<String> order = round % 2 == 0 ? List.of("podium", "springSecurity")
                                    : List.of("springSecurity", "podium");
                            for (String contender : order) {
                                Scenario scenario = new Scenario(contender, n, rotation, expired);
                                Herd herd = herd(standIn, instances, setup, sides.get(contender).subList(0, n), scenario,
                                        "herd-" + athlete.incrementAndGet(), callers, pool);
                                herds.computeIfAbsent(scenario, s -> new ArrayList<>()).add(herd);
                                System.out.printf("%-58s token calls %4d, served %4d/%d, grant %s, %d ms%n",
                                        scenario.name(), herd.tokenCalls(), herd.served(), callers,
                                        herd.grantSurvived() ? "kept" : "LOST", herd.millis());
                            }
                        }
                    }
                }
            }
            pool.shutdownNow();
            write(results.resolve("herd.json"), callers, herds);
        }
        System.exit(0); // the in-process Kafka broker's threads would keep the JVM alive
    }

    private static Herd herd(TrainingPeaksStandIn standIn, PodiumInstances instances, Tokens setup, List<Side> sides,
            Scenario scenario, String athleteId, int callers, ExecutorService pool) throws Exception {
        standIn.rotateRefreshTokens(scenario.rotation());
        Instant expiresAt = scenario.expired() ? Instant.now().minusSeconds(1) : Instant.now().plusSeconds(30);
        TokenGrant grant = PodiumInstances.expiringAt(instances.freshGrant(setup), expiresAt, Duration.ofSeconds(600));
        sides.get(0).store(athleteId, grant);
        standIn.resetCounters();

        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Side side = sides.get(i % sides.size());
            calls.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return side.accessToken(athleteId) != null;
                }
                catch (RuntimeException e) {
                    return false;
                }
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        int served = 0;
        for (Future<Boolean> call : calls) {
            served += call.get() ? 1 : 0;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int tokenCalls = standIn.tokenCalls();
        boolean survived = StandInProbe.refreshTokenWorks(standIn, sides.get(0).storedRefreshToken(athleteId));
        return new Herd(tokenCalls, served, survived, millis);
    }

    private static Side podium(ConfigurableApplicationContext context) {
        Tokens tokens = context.getBean(Tokens.class);
        TokenStore store = context.getBean(TokenStore.class);
        TokenCodec codec = context.getBean(TokenCodec.class);
        return new Side() {
            @Override
            public void store(String athleteId, TokenGrant grant) {
                tokens.store(athleteId, AccountRole.ATHLETE, grant);
            }

            @Override
            public String accessToken(String athleteId) {
                return tokens.getToken(athleteId).value();
            }

            @Override
            public String storedRefreshToken(String athleteId) {
                return store.find(athleteId).map(codec::refreshToken).orElse(null);
            }
        };
    }

    private static Side spring(ConfigurableApplicationContext context, TrainingPeaksStandIn standIn) {
        SpringSecurityContender spring = new SpringSecurityContender(context.getBean(DataSource.class), standIn);
        return new Side() {
            @Override
            public void store(String athleteId, TokenGrant grant) {
                spring.save(athleteId, grant);
            }

            @Override
            public String accessToken(String athleteId) {
                return spring.accessToken(athleteId);
            }

            @Override
            public String storedRefreshToken(String athleteId) {
                return spring.storedRefreshToken(athleteId);
            }
        };
    }

    private static void write(Path file, int callers, Map<Scenario, List<Herd>> herds) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        herds.forEach((scenario, list) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("contender", scenario.contender());
            row.put("instances", scenario.instances());
            row.put("rotation", scenario.rotation());
            row.put("expired", scenario.expired());
            row.put("callers", callers);
            row.put("herds", list);
            rows.add(row);
        });
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
    }

    private HerdRun() {
    }
}
