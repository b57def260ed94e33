package com.podium.trainingpeaks.standin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered OAuth clients: id, secret and the one redirect URI registered with TrainingPeaks, which an authorize
 * request must match exactly (S4 authentication.md section 6). Only ids ever leave this class.
 */
final class Clients {

    /** The redirect URI the project registers by default (TP_REDIRECT_URI; S6 registered the same one). */
    static final String DEFAULT_REDIRECT_URI = "http://localhost:8501/";

    private record Client(String secret, String redirectUri) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    void register(String clientId, String clientSecret, String redirectUri) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientId and clientSecret must be non-empty");
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            throw new IllegalArgumentException("redirectUri must be non-empty");
        }
        clients.put(clientId, new Client(clientSecret, redirectUri));
    }

    boolean isKnown(String clientId) {
        return clientId != null && clients.containsKey(clientId);
    }

    boolean authenticate(String clientId, String clientSecret) {
        Client client = clientId == null ? null : clients.get(clientId);
        return client != null && Secrets.constantTimeEquals(client.secret(), clientSecret);
    }

    /** Exact, case-sensitive string comparison: no prefix, no trailing-slash leniency. */
    boolean redirectUriRegistered(String clientId, String redirectUri) {
        Client client = clientId == null ? null : clients.get(clientId);
        return client != null && client.redirectUri().equals(redirectUri);
    }

    List<String> ids() {
        return clients.keySet().stream().sorted().toList();
    }
}
