package com.podium.connect.auth.flow;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import com.podium.connect.auth.AccountIds;
import com.podium.connect.token.AccountRole;

/**
 * Starts the Authorization Code flow: stores a single-use, browser-bound, expiring {@code state} (and, with PKCE,
 * the verifier) and returns the TrainingPeaks URL to send the browser to.
 */
@Service
public class AuthorizationStarter {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStarter.class);

    private final AuthorizationRequests requests;
    private final AuthorizationUrls urls;
    private final AuthProperties settings;
    private final Clock clock;

    AuthorizationStarter(AuthorizationRequests requests, AuthorizationUrls urls, AuthProperties settings,
            ObjectProvider<Clock> clock) {
        this.requests = requests;
        this.urls = urls;
        this.settings = settings;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /**
     * @param browserBindingId the value of the browser's binding cookie; the callback must come with the same one
     */
    public URI start(String athleteId, AccountRole role, String browserBindingId) {
        if (!AccountIds.isValid(athleteId)) {
            throw new IllegalArgumentException("invalid athlete id");
        }
        Instant now = clock.instant();
        int purged = requests.purgeExpired(now);
        String state = Secrets.randomUrlSafe();
        String verifier = settings.pkceEnabled() ? Secrets.randomUrlSafe() : null;
        PendingAuthorization pending = new PendingAuthorization(athleteId, role, Secrets.sha256Hex(browserBindingId),
                verifier, now, now.plus(settings.stateTtl()));
        requests.save(Secrets.sha256Hex(state), pending);
        log.info("oauth_state_created athleteId={} role={} pkce={} expiresAt={} purgedExpired={}", athleteId, role,
                verifier != null, pending.expiresAt(), purged);
        return urls.authorizationUrl(role, state, verifier == null ? null : Secrets.s256Challenge(verifier));
    }
}
