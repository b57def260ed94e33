package com.podium.connect.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log's only ways in and out: append and read. Deliberately a bare {@link Repository}, so there is no
 * save, update or delete to call.
 */
interface AuditEventRepository extends Repository<AuditEvent, Long> {

    /** Stores the event unless its eventId is already stored (a redelivery); returns 1 if stored, 0 if not. */
    @Transactional
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO audit_events (event_id, athlete_id, event_type, schema_version, sequence, occurred_at,
                                      payload, kafka_topic, kafka_partition, kafka_offset, received_at)
            VALUES (:eventId, :athleteId, :eventType, :schemaVersion, :sequence, :occurredAt, CAST(:payload AS jsonb),
                    :topic, :partition, :offset, :receivedAt)
            ON CONFLICT (event_id) DO NOTHING
            """)
    int append(@Param("eventId") UUID eventId, @Param("athleteId") String athleteId,
            @Param("eventType") String eventType, @Param("schemaVersion") int schemaVersion,
            @Param("sequence") Long sequence, @Param("occurredAt") Instant occurredAt, @Param("payload") String payload, @Param("topic") String topic,
            @Param("partition") int partition, @Param("offset") long offset, @Param("receivedAt") Instant receivedAt);

    /**
     * One athlete's events with from <= occurred_at < to, in the order they happened: by the athlete's sequence
     * (commit order), events from before sequences existed first, by time.
     */
    @Transactional(readOnly = true)
    @Query("""
            select e from AuditEvent e
            where e.athleteId = :athleteId and e.occurredAt >= :from and e.occurredAt < :to
            order by case when e.sequence is null then 0 else 1 end, e.sequence, e.occurredAt, e.kafkaPartition,
                     e.kafkaOffset
            """)
    List<AuditEvent> findForAthlete(@Param("athleteId") String athleteId, @Param("from") Instant from,
            @Param("to") Instant to, Limit limit);

    @Transactional(readOnly = true)
    long countByEventId(UUID eventId);
}
