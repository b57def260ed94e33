package com.podium.trainingpeaks.standin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class ApiTest extends StandInTest {

    @Test
    void accessTokenStopsWorkingAfterItsShortLifetime() throws InterruptedException {
        standIn.accessTokenLifetime(Duration.ofSeconds(1));
        JsonNode token = client.connect();
        assertThat(token.get("expires_in").asLong()).isEqualTo(1);
        String accessToken = token.get("access_token").asText();
        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);

        Thread.sleep(1200);
        assertInvalidToken(client.api("/v1/athlete/profile", accessToken));

        // The refresh token outlives the access token.
        HttpResponse<String> refreshed = client.refresh(token.get("refresh_token").asText());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(client.api("/v1/athlete/profile", json(refreshed).get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void expireAccessTokensNowInvalidatesIssuedAccessTokensOnly() {
        standIn.accessTokenLifetime(Duration.ofSeconds(300));
        JsonNode token = client.connect();
        assertThat(token.get("expires_in").asLong()).isEqualTo(300);
        standIn.expireAccessTokensNow();
        assertInvalidToken(client.api("/v1/athlete/profile", token.get("access_token").asText()));
        assertThat(client.refresh(token.get("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownBearerTokenIs401WithChallenge() {
        assertInvalidToken(client.get("/v1/athlete/profile"));
        assertInvalidToken(client.api("/v1/athlete/profile", "gAAAAmadeup!x"));
        assertInvalidToken(client.send(HttpRequest.newBuilder(client.base.resolve("/v2/workouts/2026-11-20/2026-11-20"))
                .header("Authorization", "Basic Zm9vOmJhcg==").build()));
    }

    @Test
    void workoutsAndMetricsAreDeterministicPerAthleteAndDay() {
        String accessToken = client.connect().get("access_token").asText();
        String range = "/2026-10-01/2026-11-15"; // exactly 45 days apart: the longest range allowed
        HttpResponse<String> response = client.api("/v2/workouts" + range, accessToken);
        assertThat(json(response)).hasSizeGreaterThan(20);
        String workouts = response.body();
        assertThat(client.api("/v2/workouts" + range, accessToken).body()).isEqualTo(workouts);
        assertThat(client.api("/v2/metrics" + range, accessToken).body())
                .isEqualTo(client.api("/v2/metrics" + range, accessToken).body());

        // A second stand-in produces the same numbers for the same athlete id.
        try (TrainingPeaksStandIn other = TrainingPeaksStandIn.start(0)) {
            OAuthClient otherClient = new OAuthClient(other);
            String otherToken = otherClient.connect().get("access_token").asText();
            assertThat(otherClient.api("/v2/workouts" + range, otherToken).body()).isEqualTo(workouts);
        }

        // Another athlete gets different data.
        String secondAthlete = client.connect().get("access_token").asText();
        assertThat(client.api("/v2/workouts" + range, secondAthlete).body()).isNotEqualTo(workouts);
    }

    @Test
    void pastDaysHoldCompletedWorkoutsAndFutureDaysOnlyPlannedOnes() {
        String accessToken = client.connect().get("access_token").asText();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        JsonNode past = json(client.api("/v2/workouts/" + today.minusDays(40) + "/" + today.minusDays(1), accessToken));
        JsonNode future = json(client.api("/v2/workouts/" + today.plusDays(1) + "/" + today.plusDays(40), accessToken));

        assertThat(future).isNotEmpty().allSatisfy(w -> {
            assertThat(w.path("Completed").asBoolean()).isFalse();
            assertThat(w.path("TotalTimePlanned").isNumber()).isTrue();
            assertThat(w.path("TotalTime").isNull()).isTrue();
            assertThat(w.path("StartTime").isNull()).isTrue();
            assertThat(w.path("StartTimePlanned").asText()).startsWith(w.get("WorkoutDay").asText().substring(0, 10));
        });
        assertThat(past).anySatisfy(w -> { // planned and done
            assertThat(w.path("Completed").asBoolean()).isTrue();
            assertThat(w.path("TotalTimePlanned").isNumber()).isTrue();
            assertThat(w.path("TotalTime").isNumber()).isTrue();
            assertThat(w.path("TssActual").isNumber()).isTrue();
            assertThat(w.path("IF").isNumber()).isTrue();
            assertThat(w.path("HeartRateAverage").isNumber()).isTrue();
        });
        assertThat(past).anySatisfy(w -> { // done without a plan
            assertThat(w.path("Completed").asBoolean()).isTrue();
            assertThat(w.path("TotalTimePlanned").isNull()).isTrue();
        });
        assertThat(past).anySatisfy(w -> { // planned and missed
            assertThat(w.path("Completed").asBoolean()).isFalse();
            assertThat(w.path("TotalTime").isNull()).isTrue();
        });
        assertThat(past).anySatisfy(w -> assertThat(w.path("NormalizedPower").isNumber()).isTrue());
        assertThat(past).allSatisfy(w -> assertThat(w.has("Description")).isFalse());
    }

    @Test
    void descriptionOnlyWithIncludeDescription() {
        String accessToken = client.connect().get("access_token").asText();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1);
        String range = "/v2/workouts/" + day + "/" + day.plusDays(6);
        assertThat(json(client.api(range, accessToken))).allSatisfy(w -> assertThat(w.has("Description")).isFalse());
        JsonNode described = json(client.api(range + "?includeDescription=true", accessToken));
        assertThat(described).isNotEmpty().allSatisfy(w -> assertThat(w.path("Description").asText()).startsWith("Stand-in plan"));

        long id = described.get(0).get("Id").asLong();
        assertThat(json(client.api("/v2/workouts/id/" + id, accessToken)).has("Description")).isFalse();
        assertThat(json(client.api("/v2/workouts/id/" + id + "?includeDescription=true", accessToken))
                .get("Description").asText()).startsWith("Stand-in plan");
    }

    @Test
    void basicAthletesGetNullPremiumFieldsAndNoMetrics() {
        standIn.newAthletesPremium(false);
        String basic = client.connect().get("access_token").asText();
        assertThat(json(client.api("/v1/athlete/profile", basic)).get("IsPremium").asBoolean()).isFalse();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        JsonNode workouts = json(client.api("/v2/workouts/" + today.minusDays(30) + "/" + today.plusDays(5), basic));
        assertThat(workouts).isNotEmpty().allSatisfy(w -> TrainingData.PREMIUM_ONLY_FIELDS.forEach(field -> {
            assertThat(w.has(field)).as(field).isTrue();
            assertThat(w.get(field).isNull()).as(field).isTrue();
        }));
        assertThat(workouts).anySatisfy(w -> assertThat(w.path("TotalTime").isNumber()).isTrue()); // not premium-only

        HttpResponse<String> metrics = client.api("/v2/metrics/" + today.minusDays(7) + "/" + today, basic);
        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(metrics.body()).containsIgnoringCase("premium");
    }

    @Test
    void metricsAreFlatEntriesWithOnlyTheMeasuredKeys() {
        JsonNode token = client.connect();
        assertThat(json(client.api("/v1/athlete/profile", client.accessToken(token))).get("IsPremium").asBoolean()).isTrue();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        JsonNode metrics = json(client.api("/v2/metrics/" + today.minusDays(20) + "/" + today.plusDays(5),
                client.accessToken(token)));

        assertThat(metrics).hasSizeGreaterThan(21); // several entries on some days, none in the future
        assertThat(metrics).allSatisfy(m -> {
            assertThat(m.path("MetricId").asText()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
            assertThat(m.path("AthleteId").asLong()).isEqualTo(Athletes.FIRST_ID);
            assertThat(m.path("DateTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00");
            assertThat(LocalDate.parse(m.get("DateTime").asText().substring(0, 10))).isBeforeOrEqualTo(today);
            assertThat(m.has("Details")).isFalse();
            m.properties().forEach(e -> assertThat(e.getValue().isNull()).as(e.getKey()).isFalse());
        });
        assertThat(metrics).anySatisfy(m -> assertThat(m.path("Pulse").isInt()).isTrue());
        assertThat(metrics).anySatisfy(m -> assertThat(m.path("Hrv").isNumber()).isTrue());
        assertThat(metrics).anySatisfy(m -> assertThat(m.path("SleepHours").isNumber()).isTrue());
        assertThat(metrics).anySatisfy(m -> assertThat(m.path("WeightInKilograms").isNumber()).isTrue());
        assertThat(metrics).anySatisfy(m -> assertThat(m.path("Stress").isTextual()).isTrue());
        assertThat(metrics).anySatisfy(m -> assertThat(m.has("WeightInKilograms")).isFalse());

        standIn.hrvKey("HRV");
        assertThat(json(client.api("/v2/metrics/" + today.minusDays(20) + "/" + today, client.accessToken(token))))
                .anySatisfy(m -> assertThat(m.path("HRV").isNumber()).isTrue())
                .allSatisfy(m -> assertThat(m.has("Hrv")).isFalse());
    }

    @Test
    void aCoachReadsTheRosterAndItsAthletesThroughTheCoachRoutes() {
        String coach = client.accessToken(client.connectCoach());
        JsonNode profile = json(client.api("/v1/coach/profile", coach));
        long coachId = profile.get("CoachId").asLong();
        assertThat(profile.get("FirstName").asText()).isNotBlank();

        JsonNode roster = json(client.api("/v1/coach/athletes", coach));
        assertThat(roster).hasSize(3).allSatisfy(a -> {
            assertThat(a.get("CoachedBy").asLong()).isEqualTo(coachId);
            assertThat(a.get("TimeZone").asText()).isNotBlank();
        });
        assertThat(roster).extracting(a -> a.get("IsPremium").asBoolean()).containsExactly(true, false, true);
        long premium = roster.get(0).get("Id").asLong();
        long basic = roster.get(1).get("Id").asLong();

        LocalDate day = LocalDate.now(ZoneId.of(roster.get(0).get("TimeZone").asText()));
        String range = "/" + day.minusDays(14) + "/" + day.plusDays(7);
        JsonNode workouts = json(client.api("/v2/workouts/" + premium + range, coach));
        assertThat(workouts).isNotEmpty().allSatisfy(w -> assertThat(w.path("AthleteId").asLong()).isEqualTo(premium));
        long workoutId = workouts.get(0).get("Id").asLong();
        assertThat(json(client.api("/v2/workouts/" + premium + "/id/" + workoutId, coach)).get("Id").asLong())
                .isEqualTo(workoutId);
        assertThat(json(client.api("/v2/metrics/" + premium + range, coach))).isNotEmpty();
        assertThat(client.api("/v2/metrics/" + basic + range, coach).statusCode()).isEqualTo(403);

        // The athlete routes need athlete:profile, which a coach grant cannot carry; its own calendar is empty.
        assertThat(client.api("/v1/athlete/profile", coach).statusCode()).isEqualTo(403);
        assertThat(json(client.api("/v2/workouts" + range, coach))).isEmpty();
    }

    @Test
    void aCoachCannotReadAthletesOutsideTheRoster() {
        String athlete = client.accessToken(client.connect());
        long athleteId = json(client.api("/v1/athlete/profile", athlete)).get("Id").asLong();
        String coach = client.accessToken(client.connectCoach());
        assertThat(client.api("/v2/workouts/" + athleteId + "/2026-11-01/2026-11-02", coach).statusCode()).isEqualTo(403);
        assertThat(client.api("/v2/metrics/" + athleteId + "/2026-11-01/2026-11-02", coach).statusCode()).isEqualTo(403);
        // and an athlete token cannot use the coach forms for itself
        assertThat(client.api("/v2/workouts/" + athleteId + "/2026-11-01/2026-11-02", athlete).statusCode()).isEqualTo(403);
    }

    @Test
    void invalidDateRangesAre400InvalidRequest() {
        String accessToken = client.connect().get("access_token").asText();
        for (String path : new String[] {
                "/v2/workouts/2026-10-01/2026-11-16", // 46 days
                "/v2/workouts/2026-11-20/2026-11-19", // end before start
                "/v2/metrics/2026-11-20/2026-11-19",
                "/v2/workouts/20-11-2026/2026-11-21"}) {
            HttpResponse<String> response = client.api(path, accessToken);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_request");
            assertThat(json(response).get("error_description").asText()).isNotBlank();
        }
    }

    @Test
    void aWorkoutByIdIsOnlyForTheTokensAthlete() {
        String first = client.connect().get("access_token").asText();
        String second = client.connect().get("access_token").asText();
        long workoutId = json(client.api("/v2/workouts/2026-11-01/2026-11-20", first)).get(0).get("Id").asLong();

        assertThat(client.api("/v2/workouts/id/" + workoutId, first).statusCode()).isEqualTo(200);
        assertThat(client.api("/v2/workouts/id/" + workoutId, second).statusCode()).isEqualTo(404);
        assertThat(client.api("/v2/workouts/id/12345", first).statusCode()).isEqualTo(404);
        assertThat(client.api("/v2/workouts/id/not-a-number", first).statusCode()).isEqualTo(404);
    }

    @Test
    void eachEndpointRequiresItsScope() {
        Map<String, String> endpoints = Map.of(
                "/v1/athlete/profile", "athlete:profile",
                "/v2/workouts/2026-11-20/2026-11-20", "workouts:read",
                "/v2/workouts/id/1", "workouts:read",
                "/v2/metrics/2026-11-20/2026-11-20", "metrics:read",
                "/v1/coach/athletes", "coach:athletes",
                "/v1/coach/profile", "coach:athletes");
        String noScopes = client.exchange(client.authorizeCode(Map.of("scope", "unrelated:scope")))
                .get("access_token").asText();
        endpoints.forEach((path, scope) -> {
            HttpResponse<String> response = client.api(path, noScopes);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains(scope);
        });
        // A single workout needs workouts:read; workouts:details is for the /details time series only.
        String readOnly = client.exchange(client.authorizeCode(Map.of("scope", "athlete:profile workouts:read")))
                .get("access_token").asText();
        String detailsOnly = client.exchange(client.authorizeCode(Map.of("scope", "workouts:details")))
                .get("access_token").asText();
        long workoutId = json(client.api("/v2/workouts/2026-11-01/2026-11-20", readOnly)).get(0).get("Id").asLong();
        assertThat(client.api("/v2/workouts/id/" + workoutId, readOnly).statusCode()).isEqualTo(200);
        assertThat(client.api("/v2/workouts/id/" + workoutId, detailsOnly).statusCode()).isEqualTo(403);
    }

    @Test
    void injectedApiFailuresIncludingUnauthorizedWithAValidToken() {
        String accessToken = client.connect().get("access_token").asText();
        standIn.failNextApiCalls(1, Failure.UNAUTHORIZED_401);
        assertInvalidToken(client.api("/v1/athlete/profile", accessToken));

        standIn.failNextApiCalls(1, Failure.HTML_502);
        HttpResponse<String> badGateway = client.api("/v1/athlete/profile", accessToken);
        assertThat(badGateway.statusCode()).isEqualTo(502);
        assertThat(badGateway.headers().firstValue("Content-Type")).hasValue("text/html");

        standIn.failNextApiCalls(1, Failure.TOO_MANY_REQUESTS_429);
        assertThat(client.api("/v1/athlete/profile", accessToken).headers().firstValue("Retry-After")).hasValue("1");

        assertThat(client.api("/v1/athlete/profile", accessToken).statusCode()).isEqualTo(200);
        assertThat(standIn.apiCalls()).isEqualTo(4);
    }

    @Test
    void unknownRoutesAnswerAnHtml404WhateverTheToken() {
        String accessToken = client.connect().get("access_token").asText();
        for (HttpResponse<String> response : java.util.List.of(
                client.api("/v1/athlete/nothing", accessToken),
                client.api("/v2/workouts/a/b/c/d/e", "not-a-token"),
                client.get("/nothing/here"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(response.body()).startsWith("<!DOCTYPE html>");
        }
    }

    @Test
    void theUserAgentOfEveryRequestIsRecorded() {
        String accessToken = client.connect().get("access_token").asText();
        client.api("/v1/athlete/profile", accessToken);
        client.get("/v1/athlete/profile");
        assertThat(standIn.requests()).extracting(RecordedRequest::path)
                .contains("/OAuth/Authorize", "/oauth/token", "/v1/athlete/profile");
        assertThat(standIn.requests().stream().filter(r -> r.path().equals("/v1/athlete/profile")).toList())
                .extracting(RecordedRequest::userAgent)
                .hasSize(2)
                .first().isEqualTo(OAuthClient.USER_AGENT);
        standIn.resetCounters();
        assertThat(standIn.requests()).isEmpty();
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_token");
    }
}
