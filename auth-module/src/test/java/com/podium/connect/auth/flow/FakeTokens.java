package com.podium.connect.auth.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.podium.connect.token.AccessToken;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenEndpointException;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;

/** Records exchanges and stores, and whether each ran inside a transaction. */
class FakeTokens implements Tokens {

    record Exchange(String code, String verifier, boolean inTransaction) {
    }

    record Stored(String athleteId, AccountRole role, TokenGrant grant, boolean inTransaction) {
    }

    final List<Exchange> exchanges = new ArrayList<>();
    final List<Stored> stored = new ArrayList<>();
    TokenEndpointException failExchangeWith;
    TokenGrant grant = new TokenGrant("access-value", "refresh-value", Instant.parse("2026-01-01T10:00:00Z"),
            Instant.parse("2026-01-01T11:00:00Z"), "athlete:profile workouts:read");

    @Override
    public TokenGrant exchangeAuthorizationCode(String code, String codeVerifier) {
        exchanges.add(new Exchange(code, codeVerifier, TransactionSynchronizationManager.isActualTransactionActive()));
        if (failExchangeWith != null) {
            throw failExchangeWith;
        }
        return grant;
    }

    @Override
    public TokenStatus store(String athleteId, AccountRole role, TokenGrant grant) {
        stored.add(new Stored(athleteId, role, grant, TransactionSynchronizationManager.isActualTransactionActive()));
        return new TokenStatus(athleteId, role, grant.scope(), grant.expiresAt(), grant.expiresAt(), 0, 0, null,
                grant.issuedAt());
    }

    @Override
    public AccessToken getToken(String athleteId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AccessToken refreshRejected(String athleteId, AccessToken rejected) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenStatus> status(String athleteId) {
        return Optional.empty();
    }

    @Override
    public com.podium.connect.token.DisconnectOutcome disconnect(String athleteId) {
        throw new UnsupportedOperationException();
    }
}
