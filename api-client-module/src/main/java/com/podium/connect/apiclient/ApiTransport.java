package com.podium.connect.apiclient;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One GET against the TrainingPeaks API with a bearer token, answering status, {@code Retry-After} and body
 * whatever the status: deciding what a status means is {@link ApiCaller}'s job.
 */
final class ApiTransport {

    /** What came back. */
    record Answer(int status, String retryAfter, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final RestClient http;
    private final String userAgent;

    /** @param builder a fresh builder; Boot's carries the observation (metrics) set-up */
    ApiTransport(URI apiBase, ApiClientProperties properties, RestClient.Builder builder) {
        HttpClient client = HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.userAgent = properties.userAgent();
        String base = apiBase.toString();
        this.http = builder
            .baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
            .requestFactory(requests)
            .build();
    }

    /**
     * @param path e.g. {@code /v2/workouts/2026-01-01/2026-01-14}, maybe with a query; only ids, dates and flags,
     *        so safe to log
     * @throws ResourceAccessException no answer: connect failure, timeout, connection reset
     */
    Answer get(String path, String bearerToken) {
        return http.get()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
            .accept(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.USER_AGENT, userAgent)
            .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                    response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                    StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
    }
}
