package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.AccessToken;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.TokenStatus;
import com.podium.connect.token.Tokens;
import com.podium.connect.token.TrainingPeaksProperties;
import com.sun.net.httpserver.HttpServer;

/**
 * The real client parses TrainingPeaks' documented example answers (fixtures in {@code src/test/resources/contract},
 * written from the wiki, never from our stand-in), served on their documented paths by a plain HTTP server.
 */
class ContractTest {

    static final String ACCOUNT = "a-1";
    static final DateRange JUNE = new DateRange(LocalDate.parse("2022-06-01"), LocalDate.parse("2022-06-10"));

    HttpServer server;
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final Map<String, String> userAgents = new ConcurrentHashMap<>();
    TrainingPeaksApi api;

    record Answer(int status, String contentType, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().toString();
            userAgents.put(target, String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            Answer answer = answers.getOrDefault(target, new Answer(404, "text/html", "<html>404</html>"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        TrainingPeaksProperties tp = new TrainingPeaksProperties("client", "secret", base, base,
                URI.create("http://localhost:8501/"), TrainingPeaksProperties.ClientAuthentication.CLIENT_SECRET_POST);
        api = new TrainingPeaksApi(new FixedToken(), new RevocationState(), tp, ApiClientProperties.defaults(),
                new ObjectMapper().findAndRegisterModules(), duration -> { }, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void serve(String pathAndQuery, String fixture) {
        answers.put(pathAndQuery, new Answer(200, "application/json; charset=utf-8", fixture(fixture)));
    }

    @Test
    void metricsAreFlatObjectsWithOnlyTheMeasuredKeys() {
        serve("/v2/metrics/2022-06-01/2022-06-10", "metrics.json");

        List<Metric> metrics = api.metrics(ACCOUNT, JUNE);

        assertThat(metrics).hasSize(2);
        Metric first = metrics.get(0);
        assertThat(first.metricId()).isEqualTo("B3AADF1C-1380-4FFE-93D5-E67C3A3491A4");
        assertThat(first.athleteId()).isEqualTo(123456L);
        assertThat(first.dateTime()).isEqualTo(LocalDateTime.parse("2022-06-01T06:12:34"));
        assertThat(first.uploadClient()).isEqualTo("testapplication");
        assertThat(first.weightInKilograms()).hasValue(68.1);
        assertThat(first.hrv()).hasValue(84.1); // spelled HRV here
        assertThat(first.number("Steps")).hasValue(12345.0);
        assertThat(first.text("Stress")).hasValue("Low");
        assertThat(first.number("Stress")).isEmpty();
        assertThat(first.text("SleepQuality")).hasValue("Good");
        assertThat(first.restingHeartRate()).isEmpty();
        assertThat(first.values()).containsOnlyKeys("WeightInKilograms", "HRV", "Steps", "Stress", "SleepQuality");

        Metric second = metrics.get(1);
        assertThat(second.restingHeartRate()).hasValue(45.0);
        assertThat(second.sleepHours()).hasValue(8.0);
        assertThat(second.weightInKilograms()).isEmpty();
        assertThat(second.hrv()).isEmpty();
    }

    @Test
    void metricsWithTheLiveKeysKeepEveryKeyAndReadHrvSpelledHrv() {
        serve("/v2/metrics/2022-06-01/2022-06-10", "metrics-live-keys.json");

        List<Metric> metrics = api.metrics(ACCOUNT, JUNE);

        assertThat(metrics.get(0).hrv()).hasValue(71.0);
        assertThat(metrics.get(0).restingHeartRate()).hasValue(48.0);
        assertThat(metrics.get(0).sleepHours()).hasValue(7.25);
        assertThat(metrics.get(0).values()).containsKeys("TimeInDeepSleep", "TimeInRemSleep", "Spo2", "Soreness");
        assertThat(metrics.get(1).weightInKilograms()).hasValue(71.3);
        assertThat(metrics.get(1).number("PercentFat")).hasValue(13.9);
    }

    @Test
    void theAthleteProfileCarriesIsPremiumAndTheZone() {
        serve("/v1/athlete/profile", "athlete-profile.json");

        AthleteProfile profile = api.profile(ACCOUNT);

        assertThat(profile.id()).isEqualTo(123456);
        assertThat(profile.isPremium()).isTrue();
        assertThat(profile.zone()).isEqualTo(ZoneId.of("America/Denver"));
        assertThat(profile.coachedBy()).isEqualTo(987654L);
        assertThat(profile.weight()).isEqualTo(87.5223617553711);
        assertThat(profile.birthMonth()).isEqualTo("1980-10");
        assertThat(profile.sex()).isEqualTo("m");
        assertThat(profile.preferredUnits()).isEqualTo("English");
    }

    @Test
    void theRosterIsTheProfileShapeWithMissingKeysAsNull() {
        serve("/v1/coach/athletes", "coach-athletes.json");
        serve("/v1/coach/profile", "coach-profile.json");

        List<AthleteProfile> roster = api.coachAthletes(ACCOUNT);

        assertThat(roster).extracting(AthleteProfile::id).containsExactly(123456L, 123457L, 1234568L);
        assertThat(roster).extracting(AthleteProfile::isPremium).containsExactly(true, false, true);
        AthleteProfile second = roster.get(1);
        assertThat(second.timeZone()).isNull();
        assertThat(second.zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(second.weight()).isNull();
        assertThat(second.birthMonth()).isNull();
        assertThat(api.coachProfile(ACCOUNT).coachId()).isEqualTo(987654L);
    }

    @Test
    void workoutsMixCompletedAndPlannedOnes() {
        serve("/v2/workouts/2022-06-01/2022-06-10", "workouts.json");

        List<Workout> workouts = api.workouts(ACCOUNT, JUNE);

        Workout ride = workouts.get(0);
        assertThat(ride.id()).isEqualTo(1234567890L);
        assertThat(ride.workoutDay()).isEqualTo(LocalDateTime.parse("2014-04-15T00:00:00"));
        assertThat(ride.startTime()).isEqualTo(LocalDateTime.parse("2014-04-15T12:57:59"));
        assertThat(ride.totalTime()).isEqualTo(1.2443747520446777);
        assertThat(ride.distance()).isEqualTo(39647.4609375);
        assertThat(ride.tssActual()).isEqualTo(108.16);
        assertThat(ride.intensityFactor()).isEqualTo(0.9356240333684082);
        assertThat(ride.normalizedPower()).isEqualTo(187.0);
        assertThat(ride.powerAverage()).isEqualTo(167.0);
        assertThat(ride.heartRateAverage()).isEqualTo(153.0);
        assertThat(ride.calories()).isEqualTo(742.0);
        assertThat(ride.title()).isNull();
        assertThat(ride.description()).isNull();
        assertThat(ride.isPlanned()).isFalse();

        Workout run = workouts.get(1);
        assertThat(run.isCompleted()).isFalse();
        assertThat(run.isPlanned()).isTrue();
        assertThat(run.totalTimePlanned()).isEqualTo(1.0);
        assertThat(run.distancePlanned()).isEqualTo(10000.0);
        assertThat(run.tssPlanned()).isEqualTo(56.0);
        assertThat(run.intensityFactorPlanned()).isEqualTo(0.75);
        assertThat(run.startTimePlanned()).isEqualTo(LocalDateTime.parse("2014-04-16T06:30:00"));
        assertThat(run.totalTime()).isNull();
        assertThat(run.lastModifiedDate()).isEqualTo(LocalDateTime.parse("2014-04-14T18:03:12"));
    }

    @Test
    void aSingleWorkoutAsksForItsDescriptionAndTheCoachFormsUseTheAthletesId() {
        serve("/v2/workouts/id/1234567890?includeDescription=true", "workout-with-description.json");
        serve("/v2/workouts/1234567/id/1234567890?includeDescription=true", "workout-with-description.json");
        serve("/v2/workouts/1234567/2022-06-01/2022-06-10", "workouts.json");
        serve("/v2/metrics/1234567/2022-06-01/2022-06-10", "metrics.json");

        assertThat(api.workout(ACCOUNT, 1234567890L).description()).isEqualTo("2 x 20 min at threshold");
        assertThat(api.athleteWorkout(ACCOUNT, 1234567, 1234567890L).description()).isEqualTo("2 x 20 min at threshold");
        assertThat(api.athleteWorkouts(ACCOUNT, 1234567, JUNE)).hasSize(2);
        assertThat(api.athleteMetrics(ACCOUNT, 1234567, JUNE)).hasSize(2);
        assertThat(userAgents.values()).allSatisfy(ua -> assertThat(ua).startsWith("PodiumConnect/"));
    }

    @Test
    void aForbiddenMetricsCallThatMentionsPremiumIsAPremiumRefusal() {
        // The body of this 403 is not documented; a live one mentioned "premium" (research S6 tp_api.py).
        answers.put("/v2/metrics/2022-06-01/2022-06-10", new Answer(403, "text/plain",
                "Premium membership is required for this endpoint"));
        answers.put("/v2/metrics/7/2022-06-01/2022-06-10", new Answer(403, "application/json",
                "{\"error\":\"insufficient_scope\"}"));

        PremiumRequiredException premium = catchThrowableOfType(() -> api.metrics(ACCOUNT, JUNE),
                PremiumRequiredException.class);
        assertThat(premium.httpStatus()).isEqualTo(403);
        TrainingPeaksApiException scope = catchThrowableOfType(() -> api.athleteMetrics(ACCOUNT, 7, JUNE),
                TrainingPeaksApiException.class);
        assertThat(scope).isNotInstanceOf(PremiumRequiredException.class);
        assertThat(scope.errorCode()).isEqualTo("insufficient_scope");
    }

    @Test
    void theChangedFeedIsDeletedIdsAndModifiedWorkoutsWithTheirUtcTimestamp() {
        serve("/v2/workouts/changed?date=2017-10-01&pageSize=50&page=0", "workouts-changed.json");

        ChangedWorkouts changes = api.workoutChanges(ACCOUNT, LocalDate.parse("2017-10-01"), 0, 50).orElseThrow();

        assertThat(changes.deleted()).containsExactly(123456789L);
        assertThat(changes.modified()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo(234567890L);
            assertThat(w.workoutDay()).isEqualTo(LocalDate.parse("2017-09-13").atStartOfDay());
            assertThat(w.title()).isNull();
            assertThat(w.lastModifiedDate()).isEqualTo(java.time.LocalDateTime.parse("2017-09-25T17:31:28.9428265"));
        });
    }

    @Test
    void theChangedFeedIsFoundUnderEitherSpellingOfTheWiki() {
        serve("/v2/workouts/changes?date=2017-10-01&pageSize=50&page=0", "workouts-changed.json");

        assertThat(api.workoutChanges(ACCOUNT, LocalDate.parse("2017-10-01"), 0, 50)).isPresent();
        answers.clear();
        assertThat(api.workoutChanges(ACCOUNT, LocalDate.parse("2017-10-01"), 0, 50)).isEmpty();
    }

    @Test
    void anUnknownRouteAnswersHtml404() {
        TrainingPeaksApiException e = catchThrowableOfType(() -> api.profile(ACCOUNT), TrainingPeaksApiException.class);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo("non_json_body");
        assertThat(e.retryable()).isFalse();
    }

    static String fixture(String name) {
        try (InputStream in = ContractTest.class.getResourceAsStream("/contract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fixed token: these tests are about parsing, not about tokens. */
    static final class FixedToken implements Tokens {

        @Override
        public AccessToken getToken(String athleteId) {
            return new AccessToken("gAAAAfixed!token", Instant.now().plusSeconds(600), "athlete:profile");
        }

        @Override
        public AccessToken refreshRejected(String athleteId, AccessToken rejected) {
            return getToken(athleteId);
        }

        @Override
        public TokenGrant exchangeAuthorizationCode(String code, String codeVerifier) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenStatus store(String athleteId, AccountRole role, TokenGrant grant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TokenStatus> status(String athleteId) {
            return Optional.empty();
        }

        @Override
        public com.podium.connect.token.DisconnectOutcome disconnect(String athleteId) {
            throw new UnsupportedOperationException();
        }
    }
}
