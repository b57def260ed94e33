package com.podium.connect.token.health;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TokenEndpointException;

/**
 * What this instance knows about its standing with the token endpoint: problems that are ours to fix (TrainingPeaks
 * refusing our client or requests) or that made us stop revoking. Each distinct cause is logged once, loudly, and
 * kept until a token call succeeds again; {@link TokenEndpointHealthIndicator} reports them as DOWN.
 */
@Component
public class TokenEndpointHealth {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpointHealth.class);

    /** One cause: what went wrong, a sanitised example, since when and how often. */
    public record Problem(String cause, String detail, Instant since, Instant last, long count) {
    }

    private final Map<String, Problem> problems = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenEndpointHealth(Clock clock) {
        this.clock = clock;
    }

    /** TrainingPeaks refused our client or request: our fault, so users keep their tokens and we say so. */
    public void clientRejected(TokenEndpointException failure) {
        String cause = failure.operation().label() + " refused"
                + (failure.httpStatus() != null ? " (HTTP " + failure.httpStatus() + ")" : "") + ": "
                + failure.errorCode();
        record(cause, failure.detail(), "TrainingPeaks refused our token request. This is a problem with our "
                + "client or request (credentials, configuration, a proxy), not with users' grants: tokens are kept and "
                + "retried with back-off");
    }

    /** Revocations are held because many athletes were rejected alike in a short time. */
    public void revocationsPaused(String cause, String detail) {
        record(cause, detail, "Revocations paused: too many athletes rejected the same way at once, which looks like "
                + "our problem rather than theirs; tokens are kept until a refresh succeeds");
    }

    private void record(String cause, String detail, String meaning) {
        Instant now = clock.instant();
        Problem before = problems.get(cause);
        problems.merge(cause, new Problem(cause, detail, now, now, 1),
                (old, next) -> new Problem(cause, next.detail(), old.since(), now, old.count() + 1));
        if (before == null) {
            log.atError().addKeyValue("cause", cause).addKeyValue("detail", detail)
                .log("TOKEN ENDPOINT PROBLEM: {} - {}. {}. Reported DOWN by /actuator/health until a token call "
                        + "succeeds.", cause, detail, meaning);
        }
    }

    /** A token call succeeded: whatever was wrong is fixed. */
    public void succeeded() {
        if (problems.isEmpty()) {
            return;
        }
        problems.keySet().removeIf(cause -> {
            log.atInfo().addKeyValue("cause", cause).log("Token endpoint problem resolved: {}", cause);
            return true;
        });
    }

    public Map<String, Problem> problems() {
        return Map.copyOf(problems);
    }

    public Optional<Problem> firstProblem() {
        return problems.values().stream().min((a, b) -> a.since().compareTo(b.since()));
    }
}
