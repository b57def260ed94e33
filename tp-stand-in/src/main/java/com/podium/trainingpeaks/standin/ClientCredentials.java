package com.podium.trainingpeaks.standin;

import com.podium.trainingpeaks.standin.TokenRequest.ClientAuth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Client credentials as presented. TrainingPeaks reads them from the POST body ("client_id and client_secret need to
 * be in the POST body", S1 a2946d9/eaf3f28), so body fields win; an HTTP Basic header is only parsed when there are
 * none, and only counts when {@link Knobs#acceptBasicClientAuthentication} is on.
 */
record ClientCredentials(ClientAuth method, String clientId, String clientSecret, String formClientId) {

    static ClientCredentials from(Request request, Map<String, String> form) {
        String formClientId = form.get("client_id");
        if (formClientId != null) {
            return new ClientCredentials(ClientAuth.FORM, formClientId, form.get("client_secret"), formClientId);
        }
        String auth = request.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return new ClientCredentials(ClientAuth.BASIC, decoded, null, null);
                }
                return new ClientCredentials(ClientAuth.BASIC, decoded.substring(0, colon), decoded.substring(colon + 1),
                        null);
            } catch (IllegalArgumentException notBase64) {
                return new ClientCredentials(ClientAuth.BASIC, null, null, null);
            }
        }
        return new ClientCredentials(ClientAuth.NONE, null, null, null);
    }

    boolean presented() {
        return method != ClientAuth.NONE;
    }

    /** The authenticated client id, or empty when the credentials are missing or wrong. */
    Optional<String> authenticate(Clients clients) {
        String id = clientId;
        boolean ok = clients.authenticate(clientId, clientSecret);
        if (!ok && method == ClientAuth.BASIC && clientId != null && clientSecret != null) {
            // RFC 6749 says Basic credentials are form-encoded first; many clients skip that, so accept both.
            try {
                id = FormCodec.decodeComponent(clientId);
                ok = clients.authenticate(id, FormCodec.decodeComponent(clientSecret));
            } catch (IllegalArgumentException malformed) {
                ok = false;
            }
        }
        if (ok && formClientId != null && !formClientId.equals(id)) {
            ok = false; // two different identities in one request
        }
        return ok ? Optional.of(id) : Optional.empty();
    }

    /** Never print the secret, even by accident. */
    @Override
    public String toString() {
        return "ClientCredentials[method=" + method + ", clientId=" + clientId + "]";
    }
}
