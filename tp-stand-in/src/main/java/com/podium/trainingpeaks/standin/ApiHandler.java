package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The TrainingPeaks API paths (/v1, /v2) we play, each with its documented scope (S3, S4 guide, S7 scopes):
 * <pre>
 * GET /v1/athlete/profile                          athlete:profile
 * GET /v1/coach/profile                            coach:athletes (scope unconfirmed)
 * GET /v1/coach/athletes                           coach:athletes
 * GET /v2/workouts/{start}/{end}                   workouts:read
 * GET /v2/workouts/id/{id}                         workouts:read   (not workouts:details, S4 guide, S7)
 * GET /v2/workouts/{athleteId}/{start}/{end}       workouts:read   (coach form, S4, S6 tp_api.py)
 * GET /v2/workouts/{athleteId}/id/{id}             workouts:read
 * GET /v2/metrics/{start}/{end}                    metrics:read    premium only (S3 Premium-vs-Basic)
 * GET /v2/metrics/{athleteId}/{start}/{end}        metrics:read    premium only (S3 v2-Metrics-Get-Athlete-Metrics)
 * GET /v2/workouts/changed?date=&amp;pageSize=&amp;page=  workouts:read   (S3 Workouts-Get-Changed; see {@link WorkoutChanges})
 * </pre>
 * Bearer auth, PascalCase JSON, {@code ?includeDescription=true} on workouts. Unknown routes answer an HTML 404
 * before any token check (S4 guide: "unknown routes return an HTML page").
 */
final class ApiHandler {

    private enum Route { PROFILE, COACH_PROFILE, ROSTER, WORKOUTS, WORKOUT, METRICS, CHANGED }

    /** A matched path: the route, the athlete named in the path (coach forms) or null, and the other segments. */
    private record Match(Route route, String athleteId, String first, String second) {
    }

    private final TokenStore tokens;
    private final Athletes athletes;
    private final Knobs knobs;
    private final WorkoutChanges changes;

    ApiHandler(TokenStore tokens, Athletes athletes, Knobs knobs, WorkoutChanges changes) {
        this.tokens = tokens;
        this.athletes = athletes;
        this.knobs = knobs;
        this.changes = changes;
    }

    static boolean isApiPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.startsWith("/v1/") || lower.startsWith("/v2/");
    }

    void handle(Request request) throws IOException {
        Match match = match(request.path().substring(1).split("/"), knobs.changesRoute);
        if (match == null) {
            Responses.htmlNotFound(request.exchange());
            return;
        }
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
            serve(request, grant.get(), match);
        } catch (BadRequest e) {
            // {"error":"invalid_request","error_description":...} is the documented 400 body (S4 guide).
            Responses.oauthError(request.exchange(), 400, "invalid_request", e.getMessage());
        }
    }

    private static Match match(String[] p, String changesRoute) {
        if (is(p, 3, "v2", "workouts") && p[2].equalsIgnoreCase(changesRoute)) {
            return new Match(Route.CHANGED, null, null, null);
        }
        if (is(p, 3, "v1", "athlete", "profile")) {
            return new Match(Route.PROFILE, null, null, null);
        }
        if (is(p, 3, "v1", "coach", "profile")) {
            return new Match(Route.COACH_PROFILE, null, null, null);
        }
        if (is(p, 3, "v1", "coach", "athletes")) {
            return new Match(Route.ROSTER, null, null, null);
        }
        if (is(p, 4, "v2", "workouts", "id")) {
            return new Match(Route.WORKOUT, null, p[3], null);
        }
        if (is(p, 5, "v2", "workouts") && p[3].equalsIgnoreCase("id")) {
            return new Match(Route.WORKOUT, p[2], p[4], null);
        }
        if (is(p, 4, "v2", "workouts")) {
            return new Match(Route.WORKOUTS, null, p[2], p[3]);
        }
        if (is(p, 5, "v2", "workouts")) {
            return new Match(Route.WORKOUTS, p[2], p[3], p[4]);
        }
        if (is(p, 4, "v2", "metrics")) {
            return new Match(Route.METRICS, null, p[2], p[3]);
        }
        if (is(p, 5, "v2", "metrics")) {
            return new Match(Route.METRICS, p[2], p[3], p[4]);
        }
        return null;
    }

    private void serve(Request request, Grant grant, Match match) throws IOException {
        String scope = switch (match.route()) {
            case PROFILE -> "athlete:profile";
            case COACH_PROFILE, ROSTER -> "coach:athletes";
            case WORKOUTS, WORKOUT, CHANGED -> "workouts:read";
            case METRICS -> "metrics:read";
        };
        if (!allowed(request, grant, scope)) {
            return;
        }
        Athlete user = athletes.find(grant.athleteId()).orElseThrow();
        switch (match.route()) {
            case PROFILE -> Responses.json(request.exchange(), 200, user.toProfileJson());
            case COACH_PROFILE -> Responses.json(request.exchange(), 200, user.toCoachProfileJson());
            case ROSTER -> Responses.json(request.exchange(), 200,
                    athletes.rosterOf(user.id()).stream().map(Athlete::toProfileJson).toList());
            default -> {
                Optional<Athlete> subject = subject(user, match.athleteId());
                if (subject.isEmpty()) {
                    Responses.oauthError(request.exchange(), 403, "forbidden",
                            "The athlete is not coached by this user"); // 403 = "disconnected athlete" (S4); body unconfirmed
                    return;
                }
                data(request, subject.get(), match);
            }
        }
    }

    private void data(Request request, Athlete athlete, Match match) throws IOException {
        LocalDate today = LocalDate.now(ZoneId.of(athlete.timeZone())); // dates are the athlete's local dates (S3, S4)
        boolean description = "true".equalsIgnoreCase(request.query().get("includeDescription"));
        switch (match.route()) {
            case WORKOUTS -> {
                TrainingData.DateRange range = TrainingData.DateRange.parse(match.first(), match.second());
                // A coach's own calendar is empty here: coaches read athletes through the {athleteId} forms.
                Responses.json(request.exchange(), 200, athlete.coach() ? java.util.List.of()
                        : changes.apply(TrainingData.workouts(athlete, range, description, today)));
            }
            case WORKOUT -> {
                Optional<Map<String, Object>> workout = athlete.coach() ? Optional.empty() : parseLong(match.first())
                        .flatMap(id -> TrainingData.workout(athlete, id, description, today)).flatMap(changes::apply);
                if (workout.isPresent()) {
                    Responses.json(request.exchange(), 200, workout.get());
                } else {
                    Responses.send(request.exchange(), 404, "text/plain; charset=utf-8", ""); // "404 means missing" (S4)
                }
            }
            case METRICS -> {
                TrainingData.DateRange range = TrainingData.DateRange.parse(match.first(), match.second());
                if (athlete.coach()) {
                    Responses.json(request.exchange(), 200, java.util.List.of());
                    return;
                }
                if (!athlete.premium()) {
                    // Premium only: 403 (S3 Premium-vs-Basic-Athlete); S6 found "premium" in the text. Body unconfirmed.
                    Responses.oauthError(request.exchange(), 403, "forbidden",
                            "Metrics are only available for premium athletes");
                    return;
                }
                Responses.json(request.exchange(), 200, TrainingData.metrics(athlete, range, knobs.hrvKey, today));
            }
            case CHANGED -> Responses.json(request.exchange(), 200,
                    changes.changedSince(athlete, request.query(), today, Instant.now()));
            default -> throw new IllegalStateException("not a data route: " + match.route());
        }
    }

    /** Whose data: the token's own user, or an athlete of the coach's roster when the path names one. */
    private Optional<Athlete> subject(Athlete user, String athleteIdSegment) {
        if (athleteIdSegment == null) {
            return Optional.of(user); // a coach token on the athlete form reads the coach's own (empty) calendar
        }
        return parseLong(athleteIdSegment).flatMap(athletes::find)
                .filter(a -> a.coachedBy() != null && a.coachedBy() == user.id());
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

    /** Segment count plus case-insensitive leading segments (IIS-hosted TrainingPeaks ignores path case). */
    private static boolean is(String[] segments, int length, String... prefix) {
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
