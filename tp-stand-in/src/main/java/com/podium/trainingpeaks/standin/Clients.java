package com.podium.trainingpeaks.standin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registered OAuth clients (id to secret). Only ids ever leave this class. */
final class Clients {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    void register(String clientId, String clientSecret) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientId and clientSecret must be non-empty");
        }
        secrets.put(clientId, clientSecret);
    }

    boolean isKnown(String clientId) {
        return clientId != null && secrets.containsKey(clientId);
    }

    boolean authenticate(String clientId, String clientSecret) {
        return clientId != null && Secrets.constantTimeEquals(secrets.get(clientId), clientSecret);
    }

    List<String> ids() {
        return secrets.keySet().stream().sorted().toList();
    }
}
