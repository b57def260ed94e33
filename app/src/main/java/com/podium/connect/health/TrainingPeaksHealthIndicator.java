package com.podium.connect.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import com.podium.connect.token.TrainingPeaksProperties;

/**
 * Component {@code trainingPeaks}: can we reach the OAuth host and the API host? Any HTTP answer, even 404 or 502,
 * counts as reachable (the host is there; whether it is healthy shows in the API client's errors); a connection
 * error or a timeout counts as down. No credentials are sent.
 */
@Component
class TrainingPeaksHealthIndicator implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final TrainingPeaksProperties trainingPeaks;
    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    TrainingPeaksHealthIndicator(TrainingPeaksProperties trainingPeaks) {
        this.trainingPeaks = trainingPeaks;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = probe("authBase", trainingPeaks.authBase(), details)
                & probe("apiBase", trainingPeaks.apiBase(), details);
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private boolean probe(String name, URI base, Map<String, Object> details) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base).timeout(TIMEOUT)
                .GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            details.put(name, base + " answered HTTP " + status);
            return true;
        }
        catch (IOException e) {
            details.put(name, base + " unreachable: " + e.getClass().getSimpleName());
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            details.put(name, base + " check interrupted");
            return false;
        }
        catch (IllegalArgumentException e) {
            details.put(name, "not a usable URL");
            return false;
        }
    }
}
