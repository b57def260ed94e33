package com.podium.connect.sync;

import static com.podium.connect.sync.SyncedData.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.Workout;

/**
 * The background sync's side of the store: lease claims, and writes fenced by the lease. Every write of a sync
 * first locks the account row as long as this sync still holds its lease: a revocation deletes the row (and the
 * data, by cascade), so a sync that was in flight then writes nothing.
 */
@Component
class SyncWrites {

    /** What the sync needs to know of a subject to pick between a full and an incremental read. */
    record Coverage(LocalDate workoutsFrom, LocalDate workoutsTo, Instant fullSyncedAt, Instant changesSince) {

        /** Whether the stored days reach back to {@code from}; the days after {@code workoutsTo} are read by range. */
        boolean reachesBackTo(LocalDate from) {
            return workoutsFrom != null && workoutsTo != null && !workoutsFrom.isAfter(from);
        }
    }

    /** Writes of one subject, applied together under the lease. */
    interface Batch {
        void write(Writer writer);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    SyncWrites(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** Leases up to {@code limit} due accounts (whose lease, if any, ran out), committed before any call. */
    List<String> claimDue(String owner, Instant now, Instant until, int limit) {
        return transactions.execute(tx -> jdbc.sql("""
                UPDATE tp_sync_accounts SET lease_owner = :owner, lease_until = :until
                 WHERE account_id IN (
                       SELECT account_id FROM tp_sync_accounts
                        WHERE next_sync_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
                        ORDER BY next_sync_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED)
                RETURNING account_id""")
            .param("owner", owner).param("until", utc(until)).param("now", utc(now)).param("limit", limit)
            .query(String.class).list());
    }

    Optional<Coverage> coverage(String account, long subject) {
        return jdbc.sql("""
                SELECT s.workouts_from, s.workouts_to, s.full_synced_at, a.changes_since
                  FROM tp_sync_accounts a JOIN tp_sync_subjects s ON s.account_id = a.account_id
                 WHERE a.account_id = ? AND s.subject = ?""")
            .params(account, subject)
            .query((rs, row) -> new Coverage(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class),
                    SyncedData.instant(rs, "full_synced_at"), SyncedData.instant(rs, "changes_since")))
            .optional();
    }

    /** Applies {@code batch} if {@code owner} still holds the account's lease; false when fenced off. */
    boolean write(String account, String owner, Batch batch) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean held = jdbc.sql("SELECT 1 FROM tp_sync_accounts WHERE account_id = ? AND lease_owner = ? FOR UPDATE")
                .params(account, owner).query(Integer.class).optional().isPresent();
            if (held) {
                batch.write(new Writer(account));
            }
            return held;
        }));
    }

    /** Ends a sync that went well: due again after {@code next}, lease released, problem cleared. */
    void succeeded(String account, String owner, Instant at, Instant next) {
        jdbc.sql("""
                UPDATE tp_sync_accounts SET synced_at = ?, next_sync_at = ?, lease_owner = NULL, lease_until = NULL,
                       last_problem = NULL, last_problem_at = NULL, failures = 0
                 WHERE account_id = ? AND lease_owner = ?""")
            .params(utc(at), utc(next), account, owner).update();
    }

    /** Ends a sync that failed: the problem kept for the page and the log, tried again after a back-off. */
    void failed(String account, String owner, String problem, Instant at, Instant next) {
        jdbc.sql("""
                UPDATE tp_sync_accounts SET last_problem = ?, last_problem_at = ?, next_sync_at = ?,
                       failures = failures + 1, lease_owner = NULL, lease_until = NULL
                 WHERE account_id = ? AND lease_owner = ?""")
            .params(problem.length() > 300 ? problem.substring(0, 300) : problem, utc(at), utc(next), account, owner)
            .update();
    }

    /** Gives a claimed account back untouched (a stopping instance that will not sync it): due as it was. */
    void release(String account, String owner) {
        jdbc.sql("UPDATE tp_sync_accounts SET lease_owner = NULL, lease_until = NULL WHERE account_id = ? AND lease_owner = ?")
            .params(account, owner).update();
    }

    int failures(String account) {
        return jdbc.sql("SELECT failures FROM tp_sync_accounts WHERE account_id = ?").param(account)
            .query(Integer.class).optional().orElse(0);
    }

    /** Forgets an account and everything synced for it (revoked, disconnected, or no longer connected). */
    void forget(String account) {
        jdbc.sql("DELETE FROM tp_sync_accounts WHERE account_id = ?").param(account).update();
    }

    /**
     * Forgets the account only while {@code owner} still holds its lease: a revocation and a new authorization may
     * have started it afresh meanwhile (see {@link #restart}), and that one must stay.
     */
    void forgetIfHeld(String account, String owner) {
        jdbc.sql("DELETE FROM tp_sync_accounts WHERE account_id = ? AND lease_owner = ?").params(account, owner)
            .update();
    }

    /** Starts an account afresh, due at once: a new authorization may be another TrainingPeaks user. */
    void restart(String account, Instant now) {
        forget(account);
        jdbc.sql("INSERT INTO tp_sync_accounts (account_id, next_sync_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .params(account, utc(now)).update();
    }

    /** The writes of one batch; only handed out while the lease is held and the account row locked. */
    final class Writer {

        private final String account;

        private Writer(String account) {
            this.account = account;
        }

        void profile(long subject, AthleteProfile profile, Instant at) {
            subject(subject);
            jdbc.sql("""
                    UPDATE tp_sync_subjects SET profile = CAST(? AS jsonb), profile_synced_at = ?
                     WHERE account_id = ? AND subject = ?""")
                .params(write(profile), utc(at), account, subject).update();
        }

        /** The coach's roster: one subject per athlete, athletes who left it forgotten. */
        void roster(List<AthleteProfile> athletes, Instant at) {
            Long[] ids = athletes.stream().map(AthleteProfile::id).toArray(Long[]::new);
            jdbc.sql("DELETE FROM tp_sync_subjects WHERE account_id = ? AND subject <> ? AND NOT (subject = ANY (?))")
                .params(account, SyncedData.OWN, ids).update();
            athletes.forEach(athlete -> profile(athlete.id(), athlete, at));
        }

        /** Every workout of {@code from..to} as TrainingPeaks has them now; extends the covered days when adjacent. */
        void workouts(long subject, LocalDate from, LocalDate to, List<Workout> workouts, Instant at, boolean full) {
            subject(subject);
            // A full read also drops days that fell out of the window.
            jdbc.sql("DELETE FROM tp_sync_workouts WHERE account_id = ? AND subject = ? AND (workout_day BETWEEN ? AND ?"
                    + (full ? " OR workout_day NOT BETWEEN ? AND ?)" : ")"))
                .params(full ? List.of(account, subject, from, to, from, to) : List.of(account, subject, from, to))
                .update();
            workouts.stream().filter(w -> w.workoutDay() != null).forEach(w -> upsert(subject, w));
            jdbc.sql("""
                    UPDATE tp_sync_subjects SET
                           workouts_from = CASE WHEN :full OR workouts_from IS NULL OR workouts_to < :from - 1
                                                     OR :to < workouts_from - 1
                                                THEN CAST(:from AS date) ELSE LEAST(workouts_from, :from) END,
                           workouts_to = CASE WHEN :full OR workouts_to IS NULL OR workouts_to < :from - 1
                                                   OR :to < workouts_from - 1
                                              THEN CAST(:to AS date) ELSE GREATEST(workouts_to, :to) END,
                           workouts_synced_at = :at,
                           full_synced_at = CASE WHEN :full THEN CAST(:at AS timestamptz) ELSE full_synced_at END
                     WHERE account_id = :account AND subject = :subject""")
                .param("full", full).param("from", from).param("to", to).param("at", utc(at))
                .param("account", account).param("subject", subject).update();
        }

        /** The changed feed's answer: modified workouts upserted, deleted ones removed. */
        void changes(long subject, Collection<Workout> modified, Collection<Long> deleted, Instant at) {
            subject(subject);
            modified.stream().filter(w -> w.workoutDay() != null).forEach(w -> upsert(subject, w));
            if (!deleted.isEmpty()) {
                jdbc.sql("DELETE FROM tp_sync_workouts WHERE account_id = ? AND subject = ? AND workout_id = ANY (?)")
                    .params(account, subject, deleted.toArray(Long[]::new)).update();
            }
            jdbc.sql("UPDATE tp_sync_subjects SET workouts_synced_at = ? WHERE account_id = ? AND subject = ?")
                .params(utc(at), account, subject).update();
        }

        /** The changed feed's cursor: the next read asks for changes since {@code since}. */
        void changesSince(Instant since) {
            jdbc.sql("UPDATE tp_sync_accounts SET changes_since = ? WHERE account_id = ?").params(utc(since), account)
                .update();
        }

        void metrics(long subject, LocalDate from, LocalDate to, List<Metric> metrics, Instant at, boolean full) {
            subject(subject);
            jdbc.sql("DELETE FROM tp_sync_metrics WHERE account_id = ? AND subject = ? AND (day BETWEEN ? AND ?"
                    + (full ? " OR day NOT BETWEEN ? AND ?)" : ")"))
                .params(full ? List.of(account, subject, from, to, from, to) : List.of(account, subject, from, to))
                .update();
            for (Metric metric : metrics) {
                if (metric.metricId() == null || metric.dateTime() == null) {
                    continue;
                }
                jdbc.sql("""
                        INSERT INTO tp_sync_metrics (account_id, subject, metric_id, day, payload)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT (account_id, subject, metric_id) DO UPDATE SET day = EXCLUDED.day,
                               payload = EXCLUDED.payload""")
                    .params(account, subject, metric.metricId(), metric.dateTime().toLocalDate(), write(asSent(metric)))
                    .update();
            }
            jdbc.sql("""
                    UPDATE tp_sync_subjects SET
                           metrics_from = CASE WHEN :full OR metrics_from IS NULL OR metrics_to < :from - 1
                                                    OR :to < metrics_from - 1
                                               THEN CAST(:from AS date) ELSE LEAST(metrics_from, :from) END,
                           metrics_to = CASE WHEN :full OR metrics_to IS NULL OR metrics_to < :from - 1
                                                  OR :to < metrics_from - 1
                                             THEN CAST(:to AS date) ELSE GREATEST(metrics_to, :to) END,
                           metrics_synced_at = :at
                     WHERE account_id = :account AND subject = :subject""")
                .param("full", full).param("from", from).param("to", to).param("at", utc(at))
                .param("account", account).param("subject", subject).update();
        }

        private void subject(long subject) {
            jdbc.sql("INSERT INTO tp_sync_subjects (account_id, subject) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(account, subject).update();
        }

        private void upsert(long subject, Workout workout) {
            jdbc.sql("""
                    INSERT INTO tp_sync_workouts (account_id, subject, workout_id, workout_day, payload)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb))
                    ON CONFLICT (account_id, subject, workout_id) DO UPDATE SET workout_day = EXCLUDED.workout_day,
                           payload = EXCLUDED.payload""")
                .params(account, subject, workout.id(), workout.workoutDay().toLocalDate(), write(workout)).update();
        }
    }

    /** A metric entry in TrainingPeaks' flat shape, which {@link Metric} reads back with every key. */
    private static Map<String, Object> asSent(Metric metric) {
        Map<String, Object> flat = new LinkedHashMap<>(metric.values());
        flat.put("MetricId", metric.metricId());
        flat.put("AthleteId", metric.athleteId());
        flat.put("DateTime", metric.dateTime());
        flat.put("UploadClient", metric.uploadClient());
        return flat;
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
