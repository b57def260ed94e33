package com.podium.connect.audit;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenEvents;

/**
 * Writes every token event to the audit log. The container commits a record's offset only after this method
 * returned (ack mode RECORD), i.e. after the row is committed: a crash re-reads the record, and the unique
 * eventId makes the second write a no-op. Malformed records go to the dead-letter topic
 * ({@link AuditKafkaConfiguration}).
 */
@Component
class AuditEventListener {

    /** The listener container id, for tests and operators (KafkaListenerEndpointRegistry). */
    static final String CONTAINER_ID = "podium-audit";

    private static final Logger log = LoggerFactory.getLogger(AuditEventListener.class);

    private final TokenEventParser parser;
    private final AuditEventRepository auditLog;
    private final Clock clock;

    AuditEventListener(TokenEventParser parser, AuditEventRepository auditLog) {
        this.parser = parser;
        this.auditLog = auditLog;
        this.clock = Clock.systemUTC();
    }

    @KafkaListener(id = CONTAINER_ID, idIsGroup = false, topics = TokenEvents.TOPIC,
            containerFactory = AuditKafkaConfiguration.CONTAINER_FACTORY)
    public void onTokenEvent(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        try {
            event = parser.parse(record);
        }
        catch (MalformedEventException e) {
            log.warn("Malformed record on {} partition {} offset {}: {}; sending it to the dead-letter topic",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            throw e;
        }
        List<String> redacted = TokenFieldRedactor.redact(event.payload());
        if (!redacted.isEmpty()) {
            log.warn("Event {} ({}) on {} partition {} offset {} carried token-like fields {}; stored them redacted",
                    event.eventId(), event.eventType(), event.topic(), event.partition(), event.offset(), redacted);
        }
        int stored = auditLog.append(event.eventId(), event.athleteId(), event.eventType(), event.schemaVersion(),
                event.sequence(), event.occurredAt(), event.payload().toString(), event.topic(), event.partition(), event.offset(),
                clock.instant());
        if (stored == 0) {
            log.debug("Event {} already audited; redelivery at {} partition {} offset {} ignored", event.eventId(),
                    event.topic(), event.partition(), event.offset());
        }
    }
}
