package com.podium.connect.token;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Our registration with TrainingPeaks, read from {@code TP_*} environment variables (or {@code .env}); see the
 * README's configuration table. Validated at start-up: a missing value stops the service with a message that names
 * the variable.
 *
 * @param clientId {@code TP_CLIENT_ID}
 * @param clientSecret {@code TP_CLIENT_SECRET}; never logged ({@link #toString()} hides it)
 * @param authBase {@code TP_AUTH_BASE}: where {@code /OAuth/Authorize}, {@code /oauth/token} and
 *        {@code /oauth/deauthorize} live
 * @param apiBase {@code TP_API_BASE}
 * @param redirectUri {@code TP_REDIRECT_URI}: registered with TrainingPeaks, matched exactly
 * @param clientAuthentication how the token endpoint is told who we are ({@code TP_CLIENT_AUTHENTICATION}); body
 *        parameters by default
 */
@Validated
@ConfigurationProperties("trainingpeaks")
public record TrainingPeaksProperties(
        @NotBlank(message = "TP_CLIENT_ID is not set: export it or put it in .env (see README, Configuration)") String clientId,
        @NotBlank(message = "TP_CLIENT_SECRET is not set: export it or put it in .env (see README, Configuration)") String clientSecret,
        @NotNull(message = "TP_AUTH_BASE is not set") @DefaultValue("https://oauth.sandbox.trainingpeaks.com") URI authBase,
        @NotNull(message = "TP_API_BASE is not set") @DefaultValue("https://api.sandbox.trainingpeaks.com") URI apiBase,
        @NotNull(message = "TP_REDIRECT_URI is not set") @DefaultValue("http://localhost:8501/") URI redirectUri,
        @DefaultValue("CLIENT_SECRET_POST") ClientAuthentication clientAuthentication) {

    /** How the client authenticates on the token endpoint. */
    public enum ClientAuthentication {
        /**
         * {@code client_id} and {@code client_secret} in the form body, the default: TrainingPeaks' own OAuth sample
         * moved them there in 2025 ("client_id and client_secret need to be in the POST body"), and working partner
         * clients send them there.
         */
        CLIENT_SECRET_POST,
        /** HTTP Basic with client id and secret: what TrainingPeaks' sample did until 2025. Kept as an option. */
        CLIENT_SECRET_BASIC
    }

    public URI tokenEndpoint() {
        return under(authBase, "/oauth/token");
    }

    public URI deauthorizeEndpoint() {
        return under(authBase, "/oauth/deauthorize");
    }

    public URI authorizeEndpoint() {
        return under(authBase, "/OAuth/Authorize");
    }

    /** {@code path} below {@code base}, keeping any path prefix the base has. */
    public static URI under(URI base, String path) {
        String prefix = base.toString();
        return URI.create((prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + path);
    }

    @Override
    public String toString() {
        return "TrainingPeaksProperties[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", authBase=" + authBase + ", apiBase=" + apiBase + ", redirectUri=" + redirectUri
                + ", clientAuthentication=" + clientAuthentication + "]";
    }
}
