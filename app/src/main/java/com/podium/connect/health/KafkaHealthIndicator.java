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
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Component {@code kafka}: UP when the brokers describe the cluster within {@link #TIMEOUT}. A fresh admin client
 * per check, so a broken connection is never reused and nothing lingers between checks.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

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
                return Health.down().withDetail("error", "interrupted").build();
            }
            catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
            finally {
                client.close(Duration.ZERO); // do not hold the health request up on a dead broker
            }
        }
    }
}
