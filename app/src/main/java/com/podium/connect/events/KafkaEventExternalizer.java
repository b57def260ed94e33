package com.podium.connect.events;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.core.ConditionalEventListener;
import org.springframework.modulith.events.support.BrokerRouting;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEvents;

/**
 * Sends every {@code @Externalized} event to Kafka after its transaction committed, as JSON keyed by the
 * {@code @Externalized} key (the athlete id).
 * <p>
 * Spring Modulith's event publication registry records a publication for this listener inside the business
 * transaction (the outbox) and marks it complete only when this method returns, i.e. when the broker acknowledged
 * the record. A crash or a broker outage leaves it incomplete for {@link IncompletePublicationResubmitter}.
 * <p>
 * Why not Modulith's own Kafka externalizer: it runs on the shared async pool, so two events of one athlete
 * committed back to back (a failed refresh, then the revocation) can overtake each other. Here one dedicated
 * thread sends in commit order and waits for each acknowledgement.
 */
@Component
class KafkaEventExternalizer implements ConditionalEventListener {

    static final String EXECUTOR = "kafkaEventExternalizerExecutor";

    private static final Logger log = LoggerFactory.getLogger(KafkaEventExternalizer.class);

    private final EventExternalizationConfiguration routing;
    private final KafkaOperations<String, String> kafka;
    private final ObjectMapper json;
    private final StandardEvaluationContext keyContext = new StandardEvaluationContext();

    KafkaEventExternalizer(EventExternalizationConfiguration routing, KafkaOperations<String, String> kafka,
            ObjectMapper json, BeanFactory beans) {
        this.routing = routing;
        this.kafka = kafka;
        this.json = json;
        this.keyContext.setBeanResolver(new BeanFactoryResolver(beans));
    }

    @Override
    public boolean supports(Object event) {
        return routing.supports(event);
    }

    @Async(EXECUTOR)
    @TransactionalEventListener
    public void externalize(Object event) throws JsonProcessingException, ExecutionException, InterruptedException,
            TimeoutException {
        if (!routing.supports(event)) {
            return;
        }
        BrokerRouting target = BrokerRouting.of(routing.determineTarget(event), keyContext);
        Object payload = routing.map(event);
        String topic = target.getTarget(event);
        String key = target.getKey(event);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json.writeValueAsString(payload));
        record.headers().add(TokenEvents.TYPE_HEADER, payload.getClass().getSimpleName().getBytes());
        kafka.send(record).get(30, TimeUnit.SECONDS);
        log.debug("Externalized {} to {} with key {}", payload.getClass().getSimpleName(), topic, key);
    }
}
