package com.podium.connect.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.Workout;

/**
 * What pages read: an account's synced TrainingPeaks data, in one query, never a TrainingPeaks call.
 */
@Component
public class SyncedData {

    /** The account's own calendar, as opposed to an athlete of a coach's roster (their TrainingPeaks id). */
    public static final long OWN = 0;

    /**
     * One athlete's synced data: every stored day (the sync keeps the window pages show).
     *
     * @param profile who the athlete is (null until synced)
     * @param workoutsFrom the first day whose workouts are all stored (null: none), up to {@code workoutsTo}
     * @param workoutsAsOf when the workouts were last read from TrainingPeaks
     * @param problem why the last sync of the account failed (typed and sanitised, for the log), or null
     */
    public record Synced(AthleteProfile profile, Instant profileAsOf, List<Workout> workouts, LocalDate workoutsFrom,
            LocalDate workoutsTo, Instant workoutsAsOf, List<Metric> metrics, LocalDate metricsFrom,
            LocalDate metricsTo, Instant metricsAsOf, Instant syncedAt, String problem, Instant problemAt) {

        /** Whether every workout of {@code from..to} is stored, so a page needs no TrainingPeaks call for them. */
        public boolean workoutsCover(LocalDate from, LocalDate to) {
            return covers(workoutsFrom, workoutsTo, from, to);
        }

        public boolean metricsCover(LocalDate from, LocalDate to) {
            return covers(metricsFrom, metricsTo, from, to);
        }

        private static boolean covers(LocalDate storedFrom, LocalDate storedTo, LocalDate from, LocalDate to) {
            return storedFrom != null && storedTo != null && !storedFrom.isAfter(from) && !storedTo.isBefore(to);
        }
    }

    /** A coach's roster as last synced. */
    public record Roster(List<AthleteProfile> athletes, Instant asOf) {
    }

    private static final TypeReference<List<AthleteProfile>> PROFILES = new TypeReference<>() {
    };
    private static final TypeReference<List<Workout>> WORKOUTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Metric>> METRICS = new TypeReference<>() {
    };

    /** One round trip: the account, the subject and both lists, aggregated by PostgreSQL. */
    private static final String READ = """
            SELECT a.synced_at, a.last_problem, a.last_problem_at, s.profile, s.profile_synced_at,
                   s.workouts_from, s.workouts_to, s.workouts_synced_at, s.metrics_from, s.metrics_to,
                   s.metrics_synced_at,
                   (SELECT COALESCE(json_agg(w.payload ORDER BY w.workout_day, w.workout_id), '[]')
                      FROM tp_sync_workouts w
                     WHERE w.account_id = a.account_id AND w.subject = s.subject) AS workouts,
                   (SELECT COALESCE(json_agg(m.payload ORDER BY m.day, m.metric_id), '[]')
                      FROM tp_sync_metrics m
                     WHERE m.account_id = a.account_id AND m.subject = s.subject) AS metrics
              FROM tp_sync_accounts a
              LEFT JOIN tp_sync_subjects s ON s.account_id = a.account_id AND s.subject = :subject
             WHERE a.account_id = :account""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    SyncedData(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The athlete's synced data as read through {@code account}; empty when the account is not enrolled at all. */
    public Optional<Synced> read(String account, long subject) {
        return jdbc.sql(READ).param("account", account).param("subject", subject).query((rs, row) -> map(rs))
            .optional();
    }

    /** The coach's roster as of the coach's last complete sync; empty when never synced. */
    public Optional<Roster> roster(String coach) {
        return jdbc.sql("""
                SELECT a.synced_at,
                       (SELECT COALESCE(json_agg(s.profile ORDER BY s.subject), '[]') FROM tp_sync_subjects s
                         WHERE s.account_id = a.account_id AND s.subject <> :own AND s.profile IS NOT NULL) AS roster
                  FROM tp_sync_accounts a
                 WHERE a.account_id = :coach AND a.synced_at IS NOT NULL""")
            .param("own", OWN).param("coach", coach)
            .query((rs, row) -> new Roster(read(rs.getString("roster"), PROFILES), instant(rs, "synced_at")))
            .optional();
    }

    /**
     * Makes sure the background sync knows the account (due at once when new). Accounts are enrolled when they
     * authorize; this covers accounts connected before the store existed.
     */
    public void enroll(String account) {
        jdbc.sql("INSERT INTO tp_sync_accounts (account_id, next_sync_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .params(account, utc(clock.instant())).update();
    }

    public boolean isEnrolled(String account) {
        return jdbc.sql("SELECT count(*) FROM tp_sync_accounts WHERE account_id = ?").param(account)
            .query(Integer.class).single() > 0;
    }

    /**
     * A profile a page just read from TrainingPeaks (its cheap per-load check) is the newest one: keep it, if it is
     * the same TrainingPeaks user's (a late answer from before a re-authorization must not land on the new grant).
     */
    public void keepProfile(String account, AthleteProfile profile) {
        jdbc.sql("""
                UPDATE tp_sync_subjects SET profile = CAST(:profile AS jsonb), profile_synced_at = :at
                 WHERE account_id = :account AND subject = :subject AND profile ->> 'Id' = :id""")
            .param("profile", write(profile)).param("at", utc(clock.instant())).param("account", account)
            .param("subject", OWN).param("id", String.valueOf(profile.id())).update();
    }

    private Synced map(ResultSet rs) throws SQLException {
        String profile = rs.getString("profile");
        return new Synced(profile == null ? null : read(profile, AthleteProfile.class), instant(rs, "profile_synced_at"),
                read(rs.getString("workouts"), WORKOUTS), rs.getObject("workouts_from", LocalDate.class),
                rs.getObject("workouts_to", LocalDate.class), instant(rs, "workouts_synced_at"),
                read(rs.getString("metrics"), METRICS), rs.getObject("metrics_from", LocalDate.class),
                rs.getObject("metrics_to", LocalDate.class), instant(rs, "metrics_synced_at"), instant(rs, "synced_at"),
                rs.getString("last_problem"), instant(rs, "last_problem_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable synced " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable synced data", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store " + value.getClass().getSimpleName(), e);
        }
    }
}
