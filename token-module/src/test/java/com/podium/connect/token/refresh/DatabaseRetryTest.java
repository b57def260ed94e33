package com.podium.connect.token.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

class DatabaseRetryTest {

    /** The shape the fault run saw: JPA's "Unable to rollback" over the pool's closed connection (SQLState 08003). */
    static RuntimeException connectionClosedDuringRollback() {
        return new IllegalStateException("Unable to rollback against JDBC Connection",
                new UncategorizedSQLException("rollback", null, new SQLException("Connection is closed", "08003")));
    }

    @Test
    void aConnectionLostAnywhereInTheCauseChainIsRetried() {
        AtomicInteger attempts = new AtomicInteger();

        String written = new DatabaseRetry(Duration.ofSeconds(5)).run("write", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw connectionClosedDuringRollback();
            }
            return "written";
        });

        assertThat(written).isEqualTo("written");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aStatementThatWouldFailAgainIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new DatabaseRetry(Duration.ofSeconds(5)).run("write", () -> {
            attempts.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(attempts).hasValue(1);
        assertThat(DatabaseRetry.databaseUnavailable(new IllegalStateException("no cause"))).isFalse();
    }
}
