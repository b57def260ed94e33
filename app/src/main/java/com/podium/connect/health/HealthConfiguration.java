package com.podium.connect.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Boot's database check, bounded by its own short timeout (named {@code dbHealthContributor}, it replaces Boot's
 * unbounded one and keeps the component name {@code db}).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    static final Duration DB_TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService healthCheckExecutor() {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "health-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    HealthIndicator dbHealthContributor(DataSource dataSource, ExecutorService healthCheckExecutor) {
        return new TimeLimitedHealthIndicator(new DataSourceHealthIndicator(dataSource), DB_TIMEOUT,
                healthCheckExecutor);
    }
}
