package com.podium.connect.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code event_sequences} and {@code event_outbox}: the transactional outbox of events bound for Kafka. Plain SQL
 * on purpose: the claim and the per-key order rule are the point of this class.
 * <p>
 * A row is claimed (owner + claimed-until) from the moment it is written, by the instance that wrote it. Only the
 * owner sends it; when an owner dies its claims expire and another instance takes the rows over. A row leaves the
 * table once the broker acknowledged it.
 */
@Repository
class EventOutbox {

    private final JdbcClient jdbc;

    EventOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The key's next sequence number. The upsert locks the key's row until the caller's transaction ends, so a
     * second transaction for the same key waits here and numbers its events after the first one committed: the
     * sequence follows commit order, without gaps.
     */
    long nextSequence(String key) {
        return jdbc.sql("""
                INSERT INTO event_sequences (message_key, last_sequence) VALUES (:key, 1)
                ON CONFLICT (message_key) DO UPDATE SET last_sequence = event_sequences.last_sequence + 1
                RETURNING last_sequence""")
            .param("key", key)
            .query(Long.class)
            .single();
    }

    void append(String key, long sequence, String topic, String eventType, String payload, String owner,
            Duration claim) {
        jdbc.sql("""
                INSERT INTO event_outbox (message_key, sequence, topic, event_type, payload, claim_owner, claimed_until)
                VALUES (:key, :sequence, :topic, :eventType, :payload, :owner,
                        now() + :claimMillis * interval '1 millisecond')""")
            .param("key", key)
            .param("sequence", sequence)
            .param("topic", topic)
            .param("eventType", eventType)
            .param("payload", payload)
            .param("owner", owner)
            .param("claimMillis", claim.toMillis())
            .update();
    }

    /**
     * Claims up to {@code limit} rows (the owner's own and any whose claim expired, oldest first) for another
     * {@code claim}, and returns those that may be sent now, in sending order: a row only when every earlier
     * pending row of its key is in the same batch. A row that must wait for an earlier one another instance holds
     * is let go at once, so the instance holding the key's oldest row picks up the rest of the key's backlog
     * instead of the two taking turns. Expects a transaction.
     *
     * @param inFlight rows this owner sent and awaits the acknowledgements of: not claimed again, and later rows of
     *        their keys are not ready (they wait for the acknowledgement like any other earlier pending row)
     */
    List<OutboxRecord> claim(String owner, int limit, Duration claim, Collection<Long> inFlight) {
        List<Claimed> claimed = jdbc.sql("""
                WITH claimed AS (
                    UPDATE event_outbox SET claim_owner = :owner,
                                            claimed_until = now() + :claimMillis * interval '1 millisecond'
                    WHERE id = ANY (ARRAY(SELECT id FROM event_outbox
                                          WHERE (claim_owner = :owner OR claimed_until < now())
                                            AND id NOT IN (:inFlight)
                                          ORDER BY id LIMIT :limit
                                          FOR UPDATE SKIP LOCKED))
                    RETURNING id, message_key, sequence, topic, event_type, payload)
                SELECT c.id, c.message_key, c.sequence, c.topic, c.event_type, c.payload,
                       NOT EXISTS (SELECT 1 FROM event_outbox earlier
                                   WHERE earlier.message_key = c.message_key AND earlier.sequence < c.sequence
                                     AND earlier.id NOT IN (SELECT id FROM claimed)) AS ready
                FROM claimed c
                ORDER BY c.id""")
            .param("owner", owner)
            .param("claimMillis", claim.toMillis())
            .param("limit", limit)
            .param("inFlight", inFlight.isEmpty() ? List.of(-1L) : inFlight) // ids are positive; NOT IN () is invalid
            .query((rs, n) -> new Claimed(new OutboxRecord(rs.getLong("id"), rs.getString("message_key"),
                    rs.getLong("sequence"), rs.getString("topic"), rs.getString("event_type"),
                    rs.getString("payload")), rs.getBoolean("ready")))
            .list();
        List<Long> waiting = claimed.stream().filter(c -> !c.ready()).map(c -> c.record().id()).toList();
        if (!waiting.isEmpty()) {
            jdbc.sql("""
                    UPDATE event_outbox SET claimed_until = now() - interval '1 millisecond'
                    WHERE id IN (:ids) AND claim_owner = :owner""")
                .param("ids", waiting)
                .param("owner", owner)
                .update();
        }
        return claimed.stream().filter(Claimed::ready).map(Claimed::record).toList();
    }

    private record Claimed(OutboxRecord record, boolean ready) {
    }

    /** Removes rows the broker acknowledged, in one statement; only while the claim is still ours. */
    int complete(List<Long> ids, String owner) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM event_outbox WHERE id IN (:ids) AND claim_owner = :owner")
            .param("ids", ids)
            .param("owner", owner)
            .update();
    }

    /** Counts a failed attempt; the rows stay claimed by us and are sent again next round. */
    void failed(List<Long> ids, String owner, String error) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE event_outbox SET attempts = attempts + 1, last_error = left(:error, 300)
                WHERE id IN (:ids) AND claim_owner = :owner""")
            .param("ids", ids)
            .param("owner", owner)
            .param("error", error)
            .update();
    }

    /** On a clean stop: lets other instances take our rows over at once instead of after the claim expired. */
    void release(String owner) {
        jdbc.sql("UPDATE event_outbox SET claimed_until = now() - interval '1 millisecond' WHERE claim_owner = :owner")
            .param("owner", owner)
            .update();
    }

    /** How many events wait to be sent, and since when the oldest waits (for health and metrics). */
    Backlog backlog() {
        return jdbc.sql("SELECT count(*) AS pending, min(created_at) AS oldest FROM event_outbox")
            .query((rs, n) -> new Backlog(rs.getLong("pending"),
                    Optional.ofNullable(rs.getTimestamp("oldest")).map(java.sql.Timestamp::toInstant)))
            .single();
    }

    record Backlog(long pending, Optional<Instant> oldest) {
    }
}
