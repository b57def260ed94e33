package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * POST /oauth/deauthorize with {@code Authorization: Bearer <access_token>} and no body; 200 on success; it revokes
 * every token the user gave this client (S3 OAuth URL; S4 guide "Deauthorization" and the dart client). Whether an
 * expired access token is accepted is not documented: {@link Knobs#deauthorizeAcceptsExpiredToken}.
 */
final class DeauthorizeHandler {

    private final TokenStore tokens;
    private final Knobs knobs;

    DeauthorizeHandler(TokenStore tokens, Knobs knobs) {
        this.tokens = tokens;
        this.knobs = knobs;
    }

    void handle(Request request) throws IOException {
        Optional<Grant> owner = tokens.ownerOfAccessToken(request.bearerToken(), Instant.now(),
                knobs.deauthorizeAcceptsExpiredToken);
        if (owner.isEmpty()) {
            Responses.invalidToken(request.exchange());
            return;
        }
        tokens.revoke(owner.get().athleteId(), owner.get().clientId());
        Responses.json(request.exchange(), 200, Map.of());
    }
}
