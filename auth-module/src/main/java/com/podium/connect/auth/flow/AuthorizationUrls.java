package com.podium.connect.auth.flow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TrainingPeaksProperties;

/** Builds the TrainingPeaks {@code /OAuth/Authorize} URL the browser is sent to. */
@Component
public class AuthorizationUrls {

    private final TrainingPeaksProperties trainingPeaks;
    private final AuthProperties settings;

    public AuthorizationUrls(TrainingPeaksProperties trainingPeaks, AuthProperties settings) {
        this.trainingPeaks = trainingPeaks;
        this.settings = settings;
    }

    /**
     * @param codeChallenge the S256 challenge, or null without PKCE
     */
    public URI authorizationUrl(AccountRole role, String state, String codeChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", trainingPeaks.clientId());
        query.put("scope", settings.scopes().forRole(role));
        query.put("redirect_uri", trainingPeaks.redirectUri().toString());
        query.put("state", state);
        if (codeChallenge != null) {
            query.put("code_challenge", codeChallenge);
            query.put("code_challenge_method", "S256");
        }
        String encoded = query.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        return URI.create(trainingPeaks.authorizeEndpoint() + "?" + encoded);
    }

    /** Percent-encodes everything but unreserved characters; a space becomes %20 (a literal '+' is already %2B). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
