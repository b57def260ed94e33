package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The TrainingPeaks API paths (/v1, /v2): Bearer auth, per-endpoint scopes, PascalCase JSON. */
final class ApiHandler {

    private final TokenStore tokens;
    private final Athletes athletes;

    ApiHandler(TokenStore tokens, Athletes athletes) {
        this.tokens = tokens;
        this.athletes = athletes;
    }

    static boolean isApiPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.startsWith("/v1/") || lower.startsWith("/v2/");
    }

    void handle(Request request) throws IOException {
        Optional<Grant> grant = tokens.authenticate(request.bearerToken(), Instant.now());
        if (grant.isEmpty()) {
            Responses.invalidToken(request.exchange());
            return;
        }
        if (!request.method().equals("GET")) {
            Responses.json(request.exchange(), 405, Map.of("error", "method_not_allowed"));
            return;
        }
        try {
            route(request, grant.get(), request.path().substring(1).split("/"));
        } catch (BadRequest e) {
            Responses.oauthError(request.exchange(), 400, "invalid_request", e.getMessage());
        }
    }

    private void route(Request request, Grant grant, String[] p) throws IOException {
        if (shape(p, 3, "v1", "athlete", "profile")) {
            if (allowed(request, grant, "athlete:profile")) {
                Athlete athlete = athletes.find(grant.athleteId()).orElseThrow();
                Responses.json(request.exchange(), 200, athlete.toProfileJson());
            }
        } else if (shape(p, 4, "v2", "workouts", "id")) {
            if (allowed(request, grant, "workouts:details")) {
                Optional<Map<String, Object>> workout = parseLong(p[3])
                        .flatMap(id -> TrainingData.workoutDetails(grant.athleteId(), id));
                if (workout.isPresent()) {
                    Responses.json(request.exchange(), 200, workout.get());
                } else {
                    notFound(request);
                }
            }
        } else if (shape(p, 4, "v2", "workouts")) {
            if (allowed(request, grant, "workouts:read")) {
                TrainingData.DateRange range = TrainingData.DateRange.parse(p[2], p[3]);
                Responses.json(request.exchange(), 200, TrainingData.workouts(grant.athleteId(), range));
            }
        } else if (shape(p, 4, "v2", "metrics")) {
            if (allowed(request, grant, "metrics:read")) {
                TrainingData.DateRange range = TrainingData.DateRange.parse(p[2], p[3]);
                Responses.json(request.exchange(), 200, TrainingData.metrics(grant.athleteId(), range));
            }
        } else if (shape(p, 3, "v1", "coach", "athletes")) {
            if (allowed(request, grant, "coach:athletes")) {
                Responses.json(request.exchange(), 200, TrainingData.coachAthletes());
            }
        } else {
            notFound(request);
        }
    }

    /** A valid token without the endpoint's scope gets 403, not 401: re-authenticating would not help. */
    private static boolean allowed(Request request, Grant grant, String scope) throws IOException {
        if (grant.allows(scope)) {
            return true;
        }
        request.exchange().getResponseHeaders().set("WWW-Authenticate",
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
        Responses.oauthError(request.exchange(), 403, "insufficient_scope", "This call requires the scope " + scope);
        return false;
    }

    private static void notFound(Request request) throws IOException {
        Responses.json(request.exchange(), 404, Map.of("error", "not_found"));
    }

    /** Segment count plus case-insensitive leading segments (IIS-hosted TrainingPeaks ignores path case). */
    private static boolean shape(String[] segments, int length, String... prefix) {
        if (segments.length != length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!segments[i].equalsIgnoreCase(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
