package com.podium.connect.token.refresh;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Retries a database step while the database is unreachable, for a bounded time. Used for writing an answer
 * TrainingPeaks already gave: with refresh-token rotation it is the only copy of the new refresh token.
 */
final class DatabaseRetry {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRetry.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final Duration budget;

    DatabaseRetry(Duration budget) {
        this.budget = budget;
    }

    <T> T run(String what, Supplier<T> step) {
        long deadline = System.nanoTime() + budget.toNanos();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1;; attempt++) {
            try {
                return step.get();
            }
            catch (RuntimeException e) {
                if (!databaseUnavailable(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                log.atWarn().addKeyValue("attempt", attempt).addKeyValue("error", e.getClass().getSimpleName())
                    .log("Database unavailable ({}); retrying to {} (attempt {})", e.getClass().getSimpleName(), what,
                            attempt);
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /**
     * Connection-level failures, not a wrong statement or a violated constraint (those would fail again). Anywhere
     * in the cause chain: a connection that dies mid-transaction surfaces from JPA as a {@code JpaSystemException}
     * ("Unable to rollback") whose cause is the pool's SQLState 08 "Connection is closed" (seen in the fault run).
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a database write", e);
        }
    }
}
