package com.podium.trainingpeaks.standin;

import java.util.List;

/** What a user granted a client: the owner of every code and token. */
record Grant(long athleteId, String clientId, List<String> scopes) {

    Grant {
        scopes = List.copyOf(scopes);
    }

    boolean allows(String scope) {
        return scopes.contains(scope);
    }

    String scopeString() {
        return String.join(" ", scopes);
    }
}
