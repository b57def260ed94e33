package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** POST /oauth/deauthorize: the app's "disconnect" revokes every token the user gave this client. */
final class DeauthorizeHandler {

    private final Clients clients;
    private final TokenStore tokens;

    DeauthorizeHandler(Clients clients, TokenStore tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    void handle(Request request) throws IOException {
        Map<String, String> form = request.form();
        ClientCredentials credentials = ClientCredentials.from(request, form);
        Optional<String> clientId = Optional.empty();
        if (credentials.presented()) {
            clientId = credentials.authenticate(clients);
            if (clientId.isEmpty()) {
                Responses.oauthError(request.exchange(), 401, "invalid_client", "Client authentication failed");
                return;
            }
        }
        String token = request.bearerToken() != null ? request.bearerToken() : form.get("token");
        Optional<Grant> owner = tokens.ownerOf(token);
        if (owner.isEmpty() || clientId.map(id -> !id.equals(owner.get().clientId())).orElse(false)) {
            Responses.invalidToken(request.exchange());
            return;
        }
        tokens.revoke(owner.get().athleteId(), owner.get().clientId());
        Responses.json(request.exchange(), 200, Map.of());
    }
}
