package com.podium.connect.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Component {@code kafka}: UP when the brokers describe the cluster within {@link #TIMEOUT}, else
 * {@code DEGRADED}: events wait in the outbox and go out once Kafka is back, and the browser flows do not need
 * Kafka, so the instance stays in service (the readiness group does not include this check). A fresh admin
 * client per check, so a broken connection is never reused and nothing lingers between checks.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Works, but less than fully: answered with HTTP 200 (see application.yml). */
    static final Status DEGRADED = new Status("DEGRADED", "event delivery to Kafka is delayed; nothing is lost");

    private final KafkaAdmin admin;

    KafkaHealthIndicator(KafkaAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Health health() {
        Map<String, Object> config = new HashMap<>(admin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (AdminClient client = AdminClient.create(config)) {
            try {
                DescribeClusterResult cluster = client
                    .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
                String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
                return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.status(DEGRADED).withDetail("error", "interrupted").build();
            }
            catch (Exception e) {
                return Health.status(DEGRADED).withDetail("error", e.getClass().getSimpleName()).build();
            }
            finally {
                client.close(Duration.ZERO); // do not hold the health request up on a dead broker
            }
        }
    }
}
