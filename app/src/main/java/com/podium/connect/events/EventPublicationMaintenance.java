package com.podium.connect.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry healthy: re-sends events whose Kafka delivery did not complete (broker
 * down, crash between commit and send) and purges completed publications once they are old enough that nobody
 * needs them (the audit log keeps the history).
 * <p>
 * Delivery is at least once: consumers de-duplicate on {@code eventId}. Several instances may resubmit the same
 * publication at the same time; that only adds duplicates, which consumers already handle.
 */
@Component
class EventPublicationMaintenance {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final Duration resubmitOlderThan;
    private final Duration keepCompleted;

    EventPublicationMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
            @Value("${podium.events.resubmit-older-than:PT1M}") Duration resubmitOlderThan,
            @Value("${podium.events.keep-completed:P7D}") Duration keepCompleted) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.resubmitOlderThan = resubmitOlderThan;
        this.keepCompleted = keepCompleted;
    }

    @Scheduled(fixedDelayString = "${podium.events.resubmit-interval:PT1M}",
            initialDelayString = "${podium.events.resubmit-interval:PT1M}")
    void maintain() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(resubmitOlderThan);
            completed.deletePublicationsOlderThan(keepCompleted);
        }
        catch (RuntimeException e) {
            log.warn("Event publication maintenance failed; will try again: {}", e.toString());
        }
    }
}
