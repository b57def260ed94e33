package com.podium.connect.apiclient;

import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.ResourceAccessException;

import com.podium.connect.token.AccessToken;
import com.podium.connect.token.NoTokenStoredException;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenException;
import com.podium.connect.token.Tokens;

/**
 * The resilient part of a call: token lookup, one refresh-and-retry on 401, bounded retries with exponential
 * back-off on 429/5xx/no answer (honouring {@code Retry-After}), and typed errors. Never logs or throws a token.
 */
final class ApiCaller {

    private static final Logger log = LoggerFactory.getLogger(ApiCaller.class);

    private final Tokens tokens;
    private final RevocationState revocations;
    private final ApiTransport transport;
    private final ApiClientProperties properties;
    private final Sleeper sleeper;
    private final Clock clock;

    ApiCaller(Tokens tokens, RevocationState revocations, ApiTransport transport, ApiClientProperties properties,
            Sleeper sleeper, Clock clock) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.transport = transport;
        this.properties = properties;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The body of a 2xx answer to {@code GET path} made for the athlete. */
    String get(String athleteId, String path) {
        revocations.ensureNotRevoked(athleteId);
        AccessToken token = token(athleteId);
        boolean refreshedAfter401 = false;
        int attempt = 1;
        while (true) {
            revocations.ensureNotRevoked(athleteId); // a revocation may arrive between attempts
            ApiTransport.Answer answer;
            try {
                answer = transport.get(path, token.value());
            }
            catch (ResourceAccessException e) {
                TrainingPeaksApiException failure = noAnswer(athleteId, path, e);
                pauseOrGiveUp(attempt++, Optional.empty(), failure);
                continue;
            }
            if (answer.ok()) {
                return answer.body();
            }
            int status = answer.status();
            if (status == 401) {
                if (refreshedAfter401) {
                    throw new ReauthorizationRequiredException(athleteId, "TrainingPeaks rejected the token even after a refresh (HTTP 401 "
                            + ErrorBodies.errorCode(status, answer.body()) + ")");
                }
                log.info("TrainingPeaks answered 401 to GET {} for athlete {}: refreshing the token once", path, athleteId);
                token = refreshRejected(athleteId, token);
                refreshedAfter401 = true;
                continue;
            }
            Optional<Duration> retryAfter = RetryAfter.parse(answer.retryAfter(), clock);
            boolean transientFailure = status == 429 || status >= 500;
            TrainingPeaksApiException failure = new TrainingPeaksApiException(athleteId, path, status,
                    ErrorBodies.errorCode(status, answer.body()), ErrorBodies.snippet(answer.body(), token.value()),
                    transientFailure, retryAfter.orElse(null), null);
            if (!transientFailure) {
                throw failure; // 400, 403 (scope), 404: asking again gives the same answer
            }
            pauseOrGiveUp(attempt++, retryAfter, failure);
        }
    }

    /** Waits before the next attempt, or throws {@code failure} when attempts are used up or the wait is too long. */
    private void pauseOrGiveUp(int attempt, Optional<Duration> retryAfter, TrainingPeaksApiException failure) {
        if (attempt >= properties.maxAttempts()) {
            log.warn("Giving up after {} attempts: {}", attempt, failure.getMessage());
            throw failure;
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(properties.maxBackoff()) > 0) {
            log.warn("Not retrying: provider asks to wait {} (cap {}): {}", retryAfter.get(), properties.maxBackoff(),
                    failure.getMessage());
            throw failure;
        }
        Duration wait = retryAfter.orElseGet(() -> backoff(attempt));
        log.info("Attempt {} failed ({}); retrying in {} ms", attempt, failure.errorCode(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** initialBackoff * 2^(attempt-1), capped at maxBackoff. */
    Duration backoff(int attempt) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private AccessToken token(String athleteId) {
        try {
            return tokens.getToken(athleteId);
        }
        catch (TokenException e) {
            throw translate(athleteId, e);
        }
    }

    private AccessToken refreshRejected(String athleteId, AccessToken rejected) {
        try {
            return tokens.refreshRejected(athleteId, rejected);
        }
        catch (TokenException e) {
            throw translate(athleteId, e);
        }
    }

    private static RuntimeException translate(String athleteId, TokenException e) {
        if (e instanceof NoTokenStoredException) {
            return new ReauthorizationRequiredException(athleteId, "not connected", e);
        }
        if (e instanceof TokenEndpointException endpoint) {
            if (!endpoint.retryable()) {
                return new ReauthorizationRequiredException(athleteId,
                        "token refresh rejected (" + endpoint.errorCode() + ")", e);
            }
            return new TrainingPeaksApiException(athleteId, "/oauth/token", endpoint.httpStatus(),
                    endpoint.errorCode(), endpoint.detail(), true, null, e);
        }
        return new TrainingPeaksApiException(athleteId, "/oauth/token", null, "token_unavailable", e.getMessage(),
                true, null, e);
    }

    private static TrainingPeaksApiException noAnswer(String athleteId, String path, ResourceAccessException e) {
        boolean timeout = hasCause(e, HttpTimeoutException.class) || hasCause(e, java.net.SocketTimeoutException.class);
        String detail = e.getMostSpecificCause().getClass().getSimpleName();
        return new TrainingPeaksApiException(athleteId, path, null, timeout ? "timeout" : "connection_failed", detail,
                true, null, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
