package com.podium.connect.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Modulith's event publication registry healthy for the in-process
 * {@code @ApplicationModuleListener}s (Kafka delivery has its own outbox, {@link EventOutbox}): re-runs listeners
 * whose publication did not complete (a crash, a failing listener) and purges completed publications.
 */
@Component
class EventPublicationMaintenance {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final EventsProperties properties;

    EventPublicationMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
            EventsProperties properties) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${podium.events.resubmit-interval:PT1M}",
            initialDelayString = "${podium.events.resubmit-interval:PT1M}")
    void maintain() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitOlderThan());
            completed.deletePublicationsOlderThan(properties.keepCompleted());
        }
        catch (RuntimeException e) {
            log.warn("Event publication maintenance failed; will try again: {}", e.toString());
        }
    }
}
