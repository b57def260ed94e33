package com.podium.connect.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.podium.connect.token.cache.AccessTokenCache;
import com.podium.connect.token.crypto.TokenCodec;
import com.podium.connect.token.endpoint.TokenEndpointClient;
import com.podium.connect.token.health.TokenEndpointHealth;
import com.podium.connect.token.refresh.RefreshCoordinator;
import com.podium.connect.token.refresh.RefreshPolicy;
import com.podium.connect.token.refresh.RefreshTrigger;
import com.podium.connect.token.storage.StoredAccessToken;
import com.podium.connect.token.storage.TokenRow;
import com.podium.connect.token.storage.TokenStore;

/** The {@link Tokens} other modules get. */
@Service
class TokenService implements Tokens {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final TokenStore store;
    private final AccessTokenCache cache;
    private final TokenCodec codec;
    private final TokenEndpointClient endpoint;
    private final RefreshCoordinator refresher;
    private final RefreshPolicy policy;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final TokenEndpointHealth health;
    private final Clock clock;

    TokenService(TokenStore store, AccessTokenCache cache, TokenCodec codec, TokenEndpointClient endpoint, RefreshCoordinator refresher,
            RefreshPolicy policy, TransactionTemplate transactions, ApplicationEventPublisher events,
            TokenEndpointHealth health, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.codec = codec;
        this.endpoint = endpoint;
        this.refresher = refresher;
        this.policy = policy;
        this.transactions = transactions;
        this.events = events;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public AccessToken getToken(String athleteId) {
        AccessToken token = cache.get(athleteId, this::readIfNotDue);
        return token != null ? token : refresher.refresh(athleteId, RefreshTrigger.DUE, null, null);
    }

    /** The stored token unless it is due (null then): the database half of a read, see {@link AccessTokenCache}. */
    private AccessTokenCache.Entry readIfNotDue(String athleteId) {
        StoredAccessToken stored = store.findAccessToken(athleteId)
            .orElseThrow(() -> new NoTokenStoredException(athleteId));
        return stored.refreshDue(clock.instant()) ? null
                : new AccessTokenCache.Entry(codec.accessToken(stored), stored.refreshAt());
    }

    @Override
    public AccessToken refreshRejected(String athleteId, AccessToken rejected) {
        cache.evictRejected(athleteId, rejected);
        return refresher.refresh(athleteId, RefreshTrigger.REJECTED, rejected, null);
    }

    @Override
    public TokenGrant exchangeAuthorizationCode(String code, String codeVerifier) {
        return exchangeAuthorizationCode(code, codeVerifier, null);
    }

    @Override
    public TokenGrant exchangeAuthorizationCode(String code, String codeVerifier, String requestedScope) {
        try {
            TokenGrant grant = endpoint.exchange(code, codeVerifier, requestedScope);
            health.succeeded();
            return grant;
        }
        catch (TokenEndpointException e) {
            if (e.kind() == TokenEndpointException.Kind.CLIENT_REJECTED) {
                health.clientRejected(e);
            }
            throw e;
        }
    }

    @Override
    public TokenStatus store(String athleteId, AccountRole role, TokenGrant grant) {
        Instant refreshAt = policy.refreshAt(grant.issuedAt(), grant.expiresAt());
        TokenRow row = transactions.execute(
                tx -> store.replace(athleteId, role, codec.encrypt(athleteId, grant, refreshAt), clock.instant()));
        log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("role", role)
            .addKeyValue("expiresAt", grant.expiresAt()).addKeyValue("version", row.version())
            .log("Stored TrainingPeaks tokens of athlete {} ({}), expiring {}", athleteId, role, grant.expiresAt());
        return status(row);
    }

    @Override
    public Optional<TokenStatus> status(String athleteId) {
        return store.find(athleteId).map(TokenService::status);
    }

    @Override
    public DisconnectOutcome disconnect(String athleteId) {
        if (store.find(athleteId).isEmpty()) {
            return DisconnectOutcome.NOT_CONNECTED;
        }
        // The user asked to disconnect, so we forget the tokens whatever TrainingPeaks says.
        boolean confirmed = deauthorize(athleteId);
        Instant now = clock.instant();
        boolean deleted = Boolean.TRUE.equals(transactions.execute(tx -> {
            boolean gone = store.delete(athleteId);
            if (gone) {
                events.publishEvent(TokenRevoked.of(athleteId, now, TokenRevoked.Reason.DISCONNECTED,
                        "disconnected by the user"));
            }
            return gone;
        }));
        DisconnectOutcome outcome = confirmed ? DisconnectOutcome.DEAUTHORIZED : DisconnectOutcome.NOT_CONFIRMED;
        log.atInfo().addKeyValue("athleteId", athleteId).addKeyValue("outcome", outcome)
            .addKeyValue("deleted", deleted)
            .log("Disconnected athlete {} from TrainingPeaks ({})", athleteId, outcome);
        return outcome;
    }

    /**
     * Deauthorize needs a live access token: whether TrainingPeaks accepts an expired one is not documented. So the
     * token is refreshed first when due, and once more after a 401. True when TrainingPeaks confirmed.
     */
    private boolean deauthorize(String athleteId) {
        try {
            AccessToken token = getToken(athleteId);
            try {
                endpoint.deauthorize(athleteId, token.value());
                return true;
            }
            catch (TokenEndpointException e) {
                if (!Integer.valueOf(401).equals(e.httpStatus())) {
                    throw e;
                }
                endpoint.deauthorize(athleteId, refreshRejected(athleteId, token).value());
                return true;
            }
        }
        catch (TokenException e) {
            Integer status = e instanceof TokenEndpointException endpointError ? endpointError.httpStatus() : null;
            String code = e instanceof TokenEndpointException endpointError ? endpointError.errorCode() : null;
            log.atWarn().addKeyValue("athleteId", athleteId).addKeyValue("httpStatus", status)
                .addKeyValue("errorCode", code)
                .log("Deauthorize at TrainingPeaks not confirmed for athlete {}; deleting our tokens anyway: {}",
                        athleteId, e.getMessage());
            return false;
        }
    }

    private static TokenStatus status(TokenRow row) {
        return new TokenStatus(row.athleteId(), row.role(), row.scope(), row.expiresAt(), row.refreshAt(),
                row.version(), row.failureCount(), row.nextAttemptAt(), row.updatedAt());
    }
}
