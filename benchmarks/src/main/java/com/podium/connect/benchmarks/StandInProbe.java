package com.podium.connect.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** Asks the stand-in, as TrainingPeaks would answer, whether a stored grant still works. */
final class StandInProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StandInProbe() {
    }

    /** True when a refresh with this refresh token succeeds (which uses it up when rotation is on). */
    static boolean refreshTokenWorks(TrainingPeaksStandIn standIn, String refreshToken) {
        if (refreshToken == null) {
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.baseUri() + "/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                    + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8) + "&client_id="
                    + URLEncoder.encode(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                            StandardCharsets.UTF_8)))
            .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
