package com.podium.connect.events;

import java.time.Duration;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.event.EventListener;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.support.BrokerRouting;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podium.connect.token.TokenEvents;

/**
 * Writes every {@code @Externalized} event into the outbox, synchronously, inside the transaction that published
 * it (the token write): the event reaches Kafka if and only if that transaction commits. Here the event gets its
 * per-key {@link TokenEvents#SEQUENCE sequence} and is serialized once, as it will go on the wire. After the commit
 * the local {@link EventRelay} is woken to send it. An instance without a running relay leaves its rows unclaimed,
 * for the others to send.
 */
@Component
class OutboxWriter {

    private final EventExternalizationConfiguration routing;
    private final EventOutbox outbox;
    private final EventRelay relay;
    private final EventsProperties properties;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final StandardEvaluationContext keyContext = new StandardEvaluationContext();

    OutboxWriter(EventExternalizationConfiguration routing, EventOutbox outbox, EventRelay relay,
            EventsProperties properties, ObjectMapper json, TransactionTemplate transactions, BeanFactory beans) {
        this.routing = routing;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.json = json;
        this.transactions = transactions;
        this.keyContext.setBeanResolver(new BeanFactoryResolver(beans));
    }

    /**
     * Joins the publisher's transaction (a failure here rolls it back: no token write without its event); an event
     * published outside a transaction is written in one of its own.
     */
    @EventListener
    public void on(Object event) {
        if (routing.supports(event)) {
            transactions.executeWithoutResult(tx -> write(event));
        }
    }

    private void write(Object event) {
        BrokerRouting target = BrokerRouting.of(routing.determineTarget(event), keyContext);
        String key = target.getKey(event);
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " has no message key (athlete id)");
        }
        Object payload = routing.map(event);
        long sequence = outbox.nextSequence(key);
        ObjectNode body = json.valueToTree(payload);
        body.put(TokenEvents.SEQUENCE, sequence);
        outbox.append(key, sequence, target.getTarget(event), payload.getClass().getSimpleName(), body.toString(),
                relay.owner(), relay.isRunning() ? properties.claimDuration() : Duration.ZERO);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
