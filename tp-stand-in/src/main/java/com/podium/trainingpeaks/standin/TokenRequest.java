package com.podium.trainingpeaks.standin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a POST /oauth/token looked like, minus secrets: lets tests assert how the app talks to the provider
 * (Basic vs form client auth, content type, Accept) without the record ever holding a secret value.
 *
 * @param grantType                  the {@code grant_type} form field, or null
 * @param clientAuth                 how the client presented credentials
 * @param clientId                   the presented client id (from Basic or the form), or null
 * @param authorizationHeaderPresent whether any Authorization header was sent
 * @param contentType                the Content-Type header, or null
 * @param accept                     the Accept header, or null
 * @param form                       the form fields; secret ones keep their key but the value is {@value #REDACTED}
 */
public record TokenRequest(String grantType, ClientAuth clientAuth, String clientId, boolean authorizationHeaderPresent,
                           String contentType, String accept, Map<String, String> form) {

    public static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_FIELDS =
            Set.of("client_secret", "code", "code_verifier", "refresh_token", "token", "access_token", "password");

    /** How the client authenticated on the token endpoint. */
    public enum ClientAuth { BASIC, FORM, NONE }

    public TokenRequest {
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    static TokenRequest of(Request request, Map<String, String> form, ClientCredentials credentials) {
        Map<String, String> safe = new LinkedHashMap<>();
        form.forEach((key, value) -> safe.put(key, SECRET_FIELDS.contains(key) ? REDACTED : value));
        return new TokenRequest(form.get("grant_type"), credentials.method(), credentials.clientId(),
                request.header("Authorization") != null, request.header("Content-Type"), request.header("Accept"), safe);
    }
}
