package com.podium.connect.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.KafkaTopicReader;
import com.podium.testsupport.RealInfrastructure;
import com.podium.testsupport.TcpProxy;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn.Rotation;

/**
 * The fault run of issue 8: two instances of the service as separate OS processes (so kill -9 is real), one
 * stand-in with 30 s access tokens, {@code athletes} connected athletes refreshed by the instances' background
 * refreshers, through:
 * <ol>
 * <li>kill -9 of instance A while refreshes are in flight (the stand-in trickles its answers, so each in-flight
 * call has already rotated the refresh token when the process dies), then a restart;</li>
 * <li>the same for instance B;</li>
 * <li>a provider slower than the call deadline (12 s against 10 s) for 45 s;</li>
 * <li>a 20 s database outage (a TCP relay between the instances and PostgreSQL is cut; the shared server is not
 * touched);</li>
 * <li>SIGTERM of instance A while refreshes take 4 s, then a restart;</li>
 * <li>settling until no athlete is in back-off (at most 3 min).</li>
 * </ol>
 * It counts refresh calls, revoked athletes by reason, and for each revoked athlete whether it could have been
 * kept. Only one revocation cannot be avoided: with strict rotation, an athlete whose refresh was in flight in a
 * process killed with -9 (TrainingPeaks rotated, the answer died with the process) is revoked with reason
 * {@code REFRESH_ANSWER_LOST}. Without rotation or with a grace period nobody need be revoked at all. Writes
 * {@code fault-<rotation>.json} and one summary line.
 * <p>
 * Not part of the build's tests nor of {@code benchmarks/run}: {@code benchmarks/fault-run} runs it once per
 * rotation mode. Arguments: {@code resultsDir rotation(none|strict|grace) [athletes]}.
 */
public final class FaultRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final Path results;
    private final Rotation rotation;
    private final TrainingPeaksStandIn standIn;
    private final JdbcTemplate db;
    private final TcpProxy databaseRelay;
    private final List<String> instanceArgs;
    private final Instant begin = Instant.now();
    private final Map<String, Process> instances = new TreeMap<>();
    private final Map<String, Path> logs = new LinkedHashMap<>();
    private final AtomicInteger starts = new AtomicInteger();
    private final Set<String> lostInKilledProcess = new HashSet<>();
    private final List<String> timeline = new ArrayList<>();
    private volatile int maxExpired;
    private volatile boolean sampling = true;

    private FaultRun(Path results, Rotation rotation, TrainingPeaksStandIn standIn, JdbcTemplate db,
            TcpProxy databaseRelay, List<String> instanceArgs) {
        this.results = results;
        this.rotation = rotation;
        this.standIn = standIn;
        this.db = db;
        this.databaseRelay = databaseRelay;
        this.instanceArgs = instanceArgs;
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "target/benchmark-results");
        Rotation rotation = Rotation.valueOf((args.length > 1 ? args[1] : "strict").toUpperCase());
        int athletes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Files.createDirectories(results);
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        Map<String, Object> outcome;
        try (TrainingPeaksStandIn standIn = TrainingPeaksStandIn.start(0);
                PodiumInstances seeding = new PodiumInstances(standIn);
                TcpProxy databaseRelay = new TcpProxy()) {
            standIn.accessTokenLifetime(Duration.ofSeconds(30)).refreshTokenRotation(rotation, GRACE);
            ConfigurableApplicationContext seeder = seeding.start(false);
            Tokens tokens = seeder.getBean(Tokens.class);
            for (int i = 0; i < athletes; i++) {
                tokens.store(athleteId(i), AccountRole.ATHLETE, seeding.freshGrant(tokens));
            }
            seeding.close();
            URI postgres = URI.create(infra.jdbcUrl().substring("jdbc:".length()));
            databaseRelay.forwardTo(postgres.getPort());
            String relayedUrl = "jdbc:postgresql://127.0.0.1:" + databaseRelay.port() + postgres.getPath();
            JdbcTemplate db = new JdbcTemplate(
                    new DriverManagerDataSource(infra.jdbcUrl(), infra.username(), infra.password()));
            List<String> instanceArgs = List.of("--spring.main.web-application-type=none",
                    "--spring.datasource.url=" + relayedUrl, "--spring.datasource.username=" + infra.username(),
                    "--spring.datasource.password=" + infra.password(),
                    "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                    "--trainingpeaks.client-id=" + TrainingPeaksStandIn.DEFAULT_CLIENT_ID,
                    "--trainingpeaks.client-secret=" + TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                    "--trainingpeaks.auth-base=" + standIn.baseUri(), "--trainingpeaks.api-base=" + standIn.baseUri(),
                    "--trainingpeaks.redirect-uri=" + PodiumInstances.REDIRECT_URI,
                    "--podium.tokens.encryption.keys=" + PodiumInstances.KEY_ID + ":"
                            + Base64.getEncoder().encodeToString(seeding.key()),
                    "--podium.tokens.scheduler.enabled=true", "--spring.jmx.enabled=false",
                    "--spring.main.banner-mode=off", "--logging.level.root=warn",
                    "--logging.level.com.podium.connect.PodiumConnectApplication=info",
                    "--logging.level.com.podium.connect.token.refresh=info");
            standIn.resetCounters();
            FaultRun run = new FaultRun(results, rotation, standIn, db, databaseRelay, instanceArgs);
            outcome = run.run(athletes);
        }
        Files.writeString(results.resolve("fault-" + rotation.name().toLowerCase() + ".json"),
                JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(outcome));
        System.exit(0); // the in-process Kafka broker's threads would keep the JVM alive
    }

    static String athleteId(int i) {
        return "fault-" + i;
    }

    private Map<String, Object> run(int athletes) throws Exception {
        Thread sampler = new Thread(this::sampleExpired, "expired-sampler");
        sampler.setDaemon(true);
        try {
            start("A");
            start("B");
            awaitUp("A");
            awaitUp("B");
            sampler.start();
            note("both instances up; steady state");
            Thread.sleep(30_000);

            killMidRefresh("A");
            killMidRefresh("B");

            note("provider slower than the call deadline: 12 s per token call, for 45 s");
            standIn.delay(Duration.ofSeconds(12));
            Thread.sleep(45_000);
            standIn.delay(Duration.ZERO);
            note("provider fast again");
            Thread.sleep(20_000);

            note("database outage: relay cut for 20 s");
            databaseRelay.cut();
            Thread.sleep(20_000);
            databaseRelay.restore();
            note("database back");
            Thread.sleep(20_000);

            sigtermDuringSlowRefreshes("A");

            note("settling: until no athlete is in back-off or leased (at most 3 min)");
            Instant settleBy = Instant.now().plusSeconds(180);
            while (Instant.now().isBefore(settleBy) && unsettled() > 0) {
                Thread.sleep(2_000);
            }
            Thread.sleep(5_000);
            note("settled with " + unsettled() + " athlete(s) still in back-off or leased");
        }
        finally {
            sampling = false;
            instances.values().forEach(Process::destroy);
            for (Process process : instances.values()) {
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        return count(athletes);
    }

    /** Trickled answers keep refreshes in flight; kill -9 while they are; record whose answers died with it. */
    private void killMidRefresh(String name) throws Exception {
        note("kill -9 of " + name + " with refreshes in flight (answers trickled 16 bytes per 150 ms)");
        standIn.trickleTokenAnswers(Duration.ofMillis(150));
        awaitWave();
        Map<String, String> leasedBefore = leases();
        instances.get(name).destroyForcibly().waitFor();
        Instant killedAt = Instant.now();
        standIn.trickleTokenAnswers(Duration.ZERO);
        // The survivor's trickled calls end within ~3 s and release their leases; what is still leased by the same
        // owner after 6 s was held by the dead process.
        Thread.sleep(6_000);
        Map<String, String> leasedAfter = leases();
        Set<String> dead = new HashSet<>();
        Map<String, String> leasedAtKill = leasedBefore;
        leasedAtKill.forEach((athlete, owner) -> {
            if (owner.equals(leasedAfter.get(athlete))) {
                dead.add(athlete);
            }
        });
        lostInKilledProcess.addAll(dead);
        note(name + " killed at " + killedAt + " with " + dead.size() + " refresh(es) in flight");
        Thread.sleep(4_000);
        start(name);
        awaitUp(name);
        note(name + " restarted");
        Thread.sleep(15_000);
    }

    private void sigtermDuringSlowRefreshes(String name) throws Exception {
        note("SIGTERM of " + name + " while token calls take 4 s");
        standIn.delay(Duration.ofSeconds(4));
        awaitWave();
        Process process = instances.get(name);
        long leased = leases().size();
        Instant sent = Instant.now();
        process.destroy();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        note(name + " " + (exited ? "exited " + process.exitValue() : "did not exit") + " "
                + Duration.between(sent, Instant.now()).toMillis() + " ms after SIGTERM (" + leased
                + " leases held at SIGTERM)");
        standIn.delay(Duration.ZERO);
        start(name);
        awaitUp(name);
        note(name + " restarted");
        Thread.sleep(15_000);
    }

    /** Refreshes come in waves (all athletes were connected at once): waits for one to be in flight. */
    private void awaitWave() throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(30);
        while (leases().size() < 10 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }

    private Map<String, String> leases() {
        Map<String, String> leases = new LinkedHashMap<>();
        db.query("SELECT athlete_id, lease_owner FROM oauth_tokens WHERE lease_owner IS NOT NULL AND lease_until > now()",
                rs -> {
                    leases.put(rs.getString(1), rs.getString(2));
                });
        return leases;
    }

    private int unsettled() {
        return db.queryForObject("""
                SELECT count(*) FROM oauth_tokens
                WHERE (next_attempt_at IS NOT NULL AND next_attempt_at > now()) OR lease_until > now()
                   OR failure_count > 0""", Integer.class);
    }

    private void sampleExpired() {
        while (sampling) {
            try {
                int expired = db.queryForObject("SELECT count(*) FROM oauth_tokens WHERE expires_at < now()",
                        Integer.class);
                maxExpired = Math.max(maxExpired, expired);
                Thread.sleep(1_000);
            }
            catch (RuntimeException e) {
                // the sampler reads PostgreSQL directly; it is not cut off, but keep sampling whatever happens
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    private void start(String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "com.podium.connect.PodiumConnectApplication"));
        command.addAll(instanceArgs);
        Path log = results.resolve("fault-" + rotation.name().toLowerCase() + "-" + name + "-" + starts.incrementAndGet()
                + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        instances.put(name, process);
        logs.put(name, log);
    }

    private void awaitUp(String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!instances.get(name).isAlive()) {
                throw new IllegalStateException("instance " + name + " died at start-up; see " + logs.get(name));
            }
            String log = Files.readString(logs.get(name));
            if (log.contains("Started PodiumConnectApplication")) {
                if (log.contains("without -XX:+ExitOnOutOfMemoryError")) {
                    throw new IllegalStateException("instance " + name + " does not exit on out-of-memory");
                }
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("instance " + name + " not up after 120 s; see " + logs.get(name));
    }

    private void note(String what) {
        String line = String.format("%6.1f s  %s", Duration.between(begin, Instant.now()).toMillis() / 1000.0, what);
        timeline.add(line);
        System.out.println(line);
    }

    /** Revocations from the topic and from the outbox (events not yet sent), with the reason each gave. */
    private Map<String, Object> count(int athletes) {
        Map<String, String> revoked = new TreeMap<>();
        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readFor(TokenEvents.TOPIC,
                Duration.ofSeconds(15));
        Map<String, Integer> failures = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String type = new String(record.headers().lastHeader(TokenEvents.TYPE_HEADER).value());
            JsonNode body = json(record.value());
            if (type.equals("TokenRevoked")) {
                revoked.put(record.key(), body.get("reason").asText());
            }
            else if (type.equals("TokenRefreshFailed")) {
                failures.merge(body.path("errorCode").asText(), 1, Integer::sum);
            }
        }
        db.query("SELECT message_key, payload FROM event_outbox WHERE event_type = 'TokenRevoked'",
                rs -> {
                    revoked.put(rs.getString(1), json(rs.getString(2)).get("reason").asText());
                });
        int stored = db.queryForObject("SELECT count(*) FROM oauth_tokens", Integer.class);
        Map<String, Integer> byReason = new TreeMap<>();
        List<String> unavoidable = new ArrayList<>();
        List<String> couldHaveBeenKept = new ArrayList<>();
        revoked.forEach((athlete, reason) -> {
            byReason.merge(reason, 1, Integer::sum);
            boolean lostInKill = rotation == Rotation.STRICT && reason.equals("REFRESH_ANSWER_LOST")
                    && lostInKilledProcess.contains(athlete);
            (lostInKill ? unavoidable : couldHaveBeenKept).add(athlete + " " + reason);
        });
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("rotation", rotation.name().toLowerCase());
        outcome.put("athletes", athletes);
        outcome.put("seconds", Duration.between(begin, Instant.now()).toSeconds());
        outcome.put("refreshCalls", standIn.refreshCalls());
        outcome.put("maxConcurrentTokenCalls", standIn.maxConcurrentTokenCalls());
        outcome.put("refreshesInFlightInKilledProcesses", lostInKilledProcess.size());
        outcome.put("revoked", revoked.size());
        outcome.put("revokedByReason", byReason);
        outcome.put("unavoidable", unavoidable);
        outcome.put("couldHaveBeenKept", couldHaveBeenKept);
        outcome.put("stillConnected", stored);
        outcome.put("refreshFailuresByCode", failures);
        outcome.put("maxExpiredAtOnce", maxExpired);
        outcome.put("timeline", timeline);
        System.out.printf("fault run, rotation %s: %d refresh calls in %d s; %d in flight in killed processes; "
                + "revoked %d %s (unavoidable %d, could have been kept %d); still connected %d of %d; "
                + "at most %d tokens expired at once; refresh failures %s%n", outcome.get("rotation"),
                standIn.refreshCalls(), outcome.get("seconds"), lostInKilledProcess.size(), revoked.size(), byReason,
                unavoidable.size(), couldHaveBeenKept.size(), stored, athletes, maxExpired, failures);
        couldHaveBeenKept.forEach(a -> System.out.println("  could have been kept: " + a));
        return outcome;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
