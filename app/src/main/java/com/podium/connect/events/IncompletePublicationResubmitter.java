package com.podium.connect.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-sends events whose Kafka delivery did not complete (broker down, crash between commit and send).
 * Delivery is at least once: consumers de-duplicate on {@code eventId}.
 */
@Component
class IncompletePublicationResubmitter {

    private static final Logger log = LoggerFactory.getLogger(IncompletePublicationResubmitter.class);

    private final IncompleteEventPublications incomplete;
    private final Duration olderThan;

    IncompletePublicationResubmitter(IncompleteEventPublications incomplete,
            @Value("${podium.events.resubmit-older-than:PT1M}") Duration olderThan) {
        this.incomplete = incomplete;
        this.olderThan = olderThan;
    }

    @Scheduled(fixedDelayString = "${podium.events.resubmit-interval:PT1M}", initialDelayString = "${podium.events.resubmit-interval:PT1M}")
    void resubmit() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(olderThan);
        }
        catch (RuntimeException e) {
            log.warn("Resubmitting incomplete event publications failed; will try again: {}", e.toString());
        }
    }
}
