package com.podium.connect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;
import com.podium.connect.token.crypto.TokenCodec;
import com.podium.connect.token.storage.EncryptedTokens;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The background refresher against a backlog: {@code backlog} athletes' tokens all fall due at once, and one instance
 * (the product's scheduler with its default settings) refreshes them against a provider that takes
 * {@code delayMillis} per token call. Measures how long the backlog takes to clear and the refresh rate it sustains
 * (between 10 % and 90 % of the backlog, or over the whole run when it is stopped at {@code maxSeconds} first).
 * Writes {@code refresher.json} into the results directory.
 * <p>
 * Refresh-token rotation is off here so one grant's refresh token can stand for every athlete (the stand-in does
 * not care whose it is); rotation is covered by {@link HerdRun}.
 * <p>
 * Arguments: {@code [resultsDir] [backlog] [maxSeconds] [delayMillis]}, defaults
 * {@code target/benchmark-results 10000 120 50}.
 */
public final class RefresherRun {

    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        Path results = Path.of(args.length > 0 ? args[0] : "target/benchmark-results");
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int maxSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int delayMillis = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        Map<String, Object> result;
        try (TrainingPeaksStandIn standIn = TrainingPeaksStandIn.start(0);
                PodiumInstances instances = new PodiumInstances(standIn)) {
            standIn.accessTokenLifetime(Duration.ofSeconds(600)).rotateRefreshTokens(false);
            ConfigurableApplicationContext context = instances.start(true);
            System.out.printf("instance up after %.1f s%n", (System.nanoTime() - begin) / 1e9);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long seeding = System.nanoTime();
            seed(context.getBean(TokenCodec.class), jdbc, instances.freshGrant(context.getBean(Tokens.class)), backlog);
            System.out.printf("seeded %d athletes in %.1f s%n", backlog, (System.nanoTime() - seeding) / 1e9);

            standIn.delay(Duration.ofMillis(delayMillis)).resetCounters();
            result = run(standIn, jdbc, backlog, maxSeconds);
            result.put("providerDelayMillis", delayMillis);
        }
        System.out.printf("closed after %.1f s%n", (System.nanoTime() - begin) / 1e9);
        Files.createDirectories(results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(results.resolve("refresher.json").toFile(), result);
        System.exit(0); // the in-process Kafka broker's threads would keep the JVM alive
    }

    /**
     * Stores {@code backlog} athletes whose tokens are not due yet: the rows {@code Tokens.store} would write, each
     * encrypted for its athlete, inserted in batches (one commit per athlete would take minutes on a busy disk).
     */
    private static void seed(TokenCodec codec, JdbcTemplate jdbc, TokenGrant grant, int backlog) {
        Instant now = Instant.now();
        TokenGrant notDue = PodiumInstances.expiringAt(grant, now.plusSeconds(600), Duration.ofSeconds(600));
        Instant refreshAt = now.plusSeconds(540);
        for (int first = 0; first < backlog; first += 1000) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = first; i < Math.min(backlog, first + 1000); i++) {
                String athleteId = "backlog-" + i;
                EncryptedTokens sealed = codec.encrypt(athleteId, notDue, refreshAt);
                rows.add(new Object[] { athleteId, AccountRole.ATHLETE.name(), sealed.accessToken(),
                        sealed.refreshToken(), sealed.keyId(), sealed.scope(), utc(sealed.issuedAt()),
                        utc(sealed.expiresAt()), utc(sealed.refreshAt()), utc(now), utc(now) });
            }
            jdbc.batchUpdate("""
                    INSERT INTO oauth_tokens (athlete_id, account_role, access_token, refresh_token, key_id, scope,
                                              issued_at, expires_at, refresh_at, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""", rows);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Map<String, Object> run(TrainingPeaksStandIn standIn, JdbcTemplate jdbc, int backlog,
            int maxSeconds) throws InterruptedException {
        // Time passes for every row at once: all refresh times move into the past in one statement.
        long start = System.nanoTime();
        jdbc.update("UPDATE oauth_tokens SET refresh_at = now() - interval '1 second'");
        Double at10 = null;
        Double at90 = null;
        double elapsed;
        int due;
        do {
            Thread.sleep(250);
            elapsed = (System.nanoTime() - start) / 1e9;
            due = jdbc.queryForObject("SELECT count(*) FROM oauth_tokens WHERE refresh_at <= now()", Integer.class);
            int done = backlog - due;
            if (at10 == null && done >= backlog / 10) {
                at10 = elapsed;
            }
            if (at90 == null && done >= backlog * 9 / 10) {
                at90 = elapsed;
            }
        }
        while (due > 0 && elapsed < maxSeconds);
        int refreshed = backlog - due;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("backlog", backlog);
        result.put("refreshed", refreshed);
        result.put("tokenCalls", standIn.tokenCalls());
        result.put("seconds", elapsed);
        result.put("cleared", due == 0);
        result.put("refreshesPerSecond", at10 != null && at90 != null && at90 > at10
                ? (backlog * 9 / 10 - backlog / 10) / (at90 - at10)
                : refreshed / elapsed);
        System.out.printf("backlog %d: %d refreshed in %.1f s (%s), %.1f refreshes/s, %d token calls%n", backlog,
                refreshed, elapsed, due == 0 ? "cleared" : "stopped", (double) result.get("refreshesPerSecond"),
                standIn.tokenCalls());
        return result;
    }

    private RefresherRun() {
    }
}
