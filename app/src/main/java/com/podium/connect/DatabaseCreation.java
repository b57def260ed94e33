package com.podium.connect;

import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Before Flyway's first connection, creates the local database when it is missing ({@link LocalDatabase}).
 * {@code podium.database.create-if-missing=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "podium.database.create-if-missing", havingValue = "true", matchIfMissing = true)
class DatabaseCreation {

    @Bean
    FlywayMigrationStrategy createLocalDatabaseThenMigrate(DataSourceProperties dataSource) {
        return flyway -> {
            LocalDatabase.createIfMissing(dataSource.determineUrl(), dataSource.determineUsername(),
                    dataSource.determinePassword());
            flyway.migrate();
        };
    }
}
