package com.podium.connect.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import com.podium.connect.events.EventsProperties;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit consumer's own Kafka setup, independent of Boot's defaults other consumers may rely on:
 * string values, its own group, offsets committed per record after the row is written, and a dead-letter topic
 * for records that cannot be audited.
 */
@Configuration(proxyBeanMethods = false)
class AuditKafkaConfiguration {

    static final String CONTAINER_FACTORY = "auditListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> auditListenerContainerFactory(KafkaProperties kafka,
            ObjectProvider<SslBundles> sslBundles, AuditProperties audit, KafkaOperations<String, String> template,
            ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(sslBundles.getIfAvailable()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, audit.groupId());
        // A new audit group starts at the beginning of the topic: the audit log wants every event there is.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());
        // The consumer's own metrics, records-lag-max among them: how far the audit log is behind the topic. Its
        // client id (consumer-podium-audit-N) tells it apart; an extra tag would clash with other Kafka clients' meters.
        meters.ifAvailable(registry -> consumers.addListener(new MicrometerConsumerListener<>(registry)));

        var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
        factory.setConsumerFactory(consumers);
        factory.getContainerProperties().setAckMode(AckMode.RECORD);
        factory.setCommonErrorHandler(errorHandler(audit, template));
        factory.setAutoStartup(audit.autoStartup());
        return factory;
    }

    /**
     * Malformed records and rows the database rejects: straight to the dead-letter topic, so they never block the
     * partition. Anything else
     * (database down): retried with exponential back-off for {@code retry-max-elapsed}, then dead-lettered, so
     * the record is kept somewhere rather than lost. Once recovered, the offset is committed and the consumer goes on.
     */
    private static DefaultErrorHandler errorHandler(AuditProperties audit, KafkaOperations<String, String> template) {
        // Partition -1: the producer's partitioner picks it from the (unchanged) key, so one athlete stays together.
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(audit.deadLetterTopic(), -1));
        var backOff = new ExponentialBackOff(audit.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        backOff.setMaxElapsedTime(audit.retryMaxElapsed().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        // A constraint the row breaks will break it again: dead-letter at once instead of blocking the partition.
        handler.addNotRetryableExceptions(MalformedEventException.class, DataIntegrityViolationException.class);
        return handler;
    }

    @Bean
    NewTopic auditDeadLetterTopic(AuditProperties audit, EventsProperties events) {
        return TopicBuilder.name(audit.deadLetterTopic()).partitions(events.partitions()).build();
    }
}
