package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TrainingPeaksProperties;
import com.podium.trainingpeaks.standin.Failure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** The client against the running stand-in: wire format, 401 handling, retries and typed errors. */
class TrainingPeaksApiTest {

    static final String ATHLETE = "athlete-1";
    static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");
    static final LocalDate NOV_14 = LocalDate.parse("2026-11-14");

    TrainingPeaksStandIn standIn;
    StandInTokens tokens;
    RevocationState revocations = new RevocationState();
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @BeforeEach
    void start() {
        standIn = TrainingPeaksStandIn.start(0);
        tokens = new StandInTokens(standIn).connect(ATHLETE);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    TrainingPeaksApi api() {
        return api(ApiClientProperties.defaults(), standIn.baseUri());
    }

    TrainingPeaksApi api(ApiClientProperties properties, URI apiBase) {
        TrainingPeaksProperties tp = new TrainingPeaksProperties(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, "secret",
                apiBase, apiBase, URI.create("http://localhost:8501/"),
                TrainingPeaksProperties.ClientAuthentication.CLIENT_SECRET_POST);
        return new TrainingPeaksApi(tokens, revocations, tp, properties, json, sleeps::add, Clock.systemUTC());
    }

    static ApiClientProperties withMaxBackoff(Duration maxBackoff) {
        ApiClientProperties d = ApiClientProperties.defaults();
        return new ApiClientProperties(d.connectTimeout(), d.readTimeout(), d.maxAttempts(), d.initialBackoff(),
                maxBackoff, d.cacheTtl(), d.recentDays(), d.userAgent());
    }

    @Test
    void typedAnswersParseFromTheStandIn() {
        TrainingPeaksApi api = api();

        AthleteProfile profile = api.profile(ATHLETE);
        assertThat(profile.id()).isEqualTo(1001);
        assertThat(profile.firstName()).isEqualTo("Ada");
        assertThat(profile.lastName()).isEqualTo("Lovelace");
        assertThat(profile.email()).isEqualTo("athlete1001@example.test");
        assertThat(profile.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(profile.isPremium()).isTrue();

        List<Workout> workouts = api.workouts(ATHLETE, NOV_1, NOV_14);
        assertThat(workouts).isNotEmpty().allSatisfy(w -> {
            assertThat(w.athleteId()).isEqualTo(1001);
            assertThat(w.workoutDay().toLocalDate()).isBetween(NOV_1, NOV_14);
            assertThat(w.workoutType()).isIn("Run", "Bike", "Swim", "Strength");
            assertThat(w.description()).isNull(); // not asked for on the range call
        });
        assertThat(workouts).anySatisfy(w -> {
            assertThat(w.isCompleted()).isTrue();
            assertThat(w.isPlanned()).isTrue();
            assertThat(w.totalTime()).isPositive();
            assertThat(w.totalTimePlanned()).isPositive();
            assertThat(w.tssActual()).isPositive();
            assertThat(w.intensityFactor()).isPositive();
        });

        Workout single = api.workout(ATHLETE, workouts.stream().filter(Workout::isPlanned).findFirst().orElseThrow().id());
        assertThat(single.description()).startsWith("Stand-in plan");

        List<Metric> metrics = api.metrics(ATHLETE, NOV_1, NOV_14);
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(14).allSatisfy(m -> {
            assertThat(m.metricId()).hasSize(36);
            assertThat(m.dateTime().toLocalDate()).isBetween(NOV_1, NOV_14);
        });
        assertThat(metrics.get(0).restingHeartRate()).hasValueSatisfying(v -> assertThat(v).isBetween(44.0, 54.0));
        assertThat(metrics).anySatisfy(m -> assertThat(m.hrv()).isPresent());
        assertThat(metrics).anySatisfy(m -> assertThat(m.weightInKilograms()).isPresent());
        assertThat(metrics).anySatisfy(m -> assertThat(m.sleepHours()).isPresent());
        assertThat(metrics).anySatisfy(m -> assertThat(m.values()).containsKey("TimeInDeepSleep"));
    }

    @Test
    void aBasicAthletesMetricsAreAPremiumRefusalNotAnError() {
        standIn.newAthletesPremium(false);
        tokens.connect("basic");
        TrainingPeaksApi api = api();

        assertThat(api.profile("basic").isPremium()).isFalse();
        assertThat(api.workouts("basic", NOV_1, NOV_14)).allSatisfy(w -> assertThat(w.tssActual()).isNull());
        PremiumRequiredException e = catchThrowableOfType(() -> api.metrics("basic", NOV_1, NOV_14),
                PremiumRequiredException.class);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.retryable()).isFalse();
        assertThat(tokens.refreshRejectedCalls).hasValue(0);
    }

    @Test
    void aCoachReadsProfileRosterAndTheAthletesDataThroughTheCoachRoutes() {
        tokens.connectCoach("coach-1");
        TrainingPeaksApi api = api();

        CoachProfile coach = api.coachProfile("coach-1");
        List<AthleteProfile> roster = api.coachAthletes("coach-1");
        assertThat(roster).extracting(AthleteProfile::lastName).containsExactly("Somerville", "Noether", "Germain");
        assertThat(roster).allSatisfy(a -> assertThat(a.coachedBy()).isEqualTo(coach.coachId()));
        assertThat(roster).extracting(AthleteProfile::isPremium).containsExactly(true, false, true);

        AthleteProfile premium = roster.get(0);
        DateRange range = api.recentRange(premium.zone());
        List<Workout> workouts = api.athleteWorkouts("coach-1", premium.id(), range);
        assertThat(workouts).isNotEmpty().allSatisfy(w -> assertThat(w.athleteId()).isEqualTo(premium.id()));
        assertThat(api.athleteWorkout("coach-1", premium.id(), workouts.get(0).id()).id()).isEqualTo(workouts.get(0).id());
        assertThat(api.athleteMetrics("coach-1", premium.id(), range)).isNotEmpty();
        assertThatThrownBy(() -> api.athleteMetrics("coach-1", roster.get(1).id(), range))
            .isInstanceOf(PremiumRequiredException.class);
    }

    @Test
    void everyCallCarriesTheUserAgent() {
        TrainingPeaksApi api = api();
        api.profile(ATHLETE);
        api.workouts(ATHLETE, NOV_1, NOV_14);
        assertThat(standIn.requests()).filteredOn(r -> r.path().startsWith("/v")).hasSize(2)
            .allSatisfy(r -> assertThat(r.userAgent()).matches("PodiumConnect/[0-9][^/ ]*"));

        ApiClientProperties d = ApiClientProperties.defaults();
        api(new ApiClientProperties(d.connectTimeout(), d.readTimeout(), d.maxAttempts(), d.initialBackoff(),
                d.maxBackoff(), d.cacheTtl(), d.recentDays(), "podium-demo-client/2.0"),
                standIn.baseUri()).profile(ATHLETE);
        assertThat(standIn.requests().get(standIn.requests().size() - 1).userAgent()).isEqualTo("podium-demo-client/2.0");
        assertThatThrownBy(() -> new ApiClientProperties(d.connectTimeout(), d.readTimeout(), d.maxAttempts(),
                d.initialBackoff(), d.maxBackoff(), d.cacheTtl(), d.recentDays(), "no version"))
            .hasMessageContaining("user-agent");
    }

    @Test
    void theRecentRangeEndsTodayInTheAthletesZone() {
        // 23:30 UTC on 1 Nov is already 2 Nov in Sydney and still 1 Nov in Denver.
        Clock lateEvening = Clock.fixed(java.time.Instant.parse("2026-11-01T23:30:00Z"), java.time.ZoneOffset.UTC);
        TrainingPeaksProperties tp = new TrainingPeaksProperties(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, "secret",
                standIn.baseUri(), standIn.baseUri(), URI.create("http://localhost:8501/"),
                TrainingPeaksProperties.ClientAuthentication.CLIENT_SECRET_POST);
        TrainingPeaksApi api = new TrainingPeaksApi(tokens, revocations, tp, ApiClientProperties.defaults(), json,
                sleeps::add, lateEvening);
        assertThat(api.recentRange(ZoneId.of("Australia/Sydney")).end()).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(api.recentRange(ZoneId.of("America/Denver")).end()).isEqualTo(NOV_1);
        assertThat(api.recentRange(ZoneId.of("America/Denver")).start()).isEqualTo(NOV_1.minusDays(13));
    }

    @Test
    void answersAreCachedPerAthleteUntilForgotten() {
        TrainingPeaksApi api = api();
        api.profile(ATHLETE);
        api.workouts(ATHLETE, NOV_1, NOV_14);
        int calls = standIn.apiCalls();

        api.profile(ATHLETE);
        api.workouts(ATHLETE, NOV_1, NOV_14);
        assertThat(standIn.apiCalls()).isEqualTo(calls);
        assertThat(api.hasCachedAnswers(ATHLETE)).isTrue();

        api.forget(ATHLETE);
        api.profile(ATHLETE);
        assertThat(standIn.apiCalls()).isEqualTo(calls + 1);
    }

    @Test
    void unauthorizedOnceRefreshesTheTokenOnceAndRetries() {
        standIn.failNextApiCalls(1, Failure.UNAUTHORIZED_401);

        assertThat(api().profile(ATHLETE).id()).isEqualTo(1001);

        assertThat(tokens.refreshRejectedCalls).hasValue(1);
        assertThat(standIn.refreshCalls()).isEqualTo(1);
        assertThat(standIn.apiCalls()).isEqualTo(2);
    }

    @Test
    void unauthorizedAgainAfterTheRefreshRequiresReauthorization() {
        standIn.failNextApiCalls(2, Failure.UNAUTHORIZED_401);

        ReauthorizationRequiredException e = catchThrowableOfType(() -> api().profile(ATHLETE),
                ReauthorizationRequiredException.class);

        assertThat(e.athleteId()).isEqualTo(ATHLETE);
        assertThat(e.reason()).contains("401").contains("invalid_token");
        assertThat(tokens.refreshRejectedCalls).hasValue(1);
        assertThat(standIn.apiCalls()).isEqualTo(2);
    }

    @Test
    void tooManyRequestsWaitsWhatRetryAfterSaysThenSucceeds() {
        standIn.failNextApiCalls(2, Failure.TOO_MANY_REQUESTS_429); // Retry-After: 1

        assertThat(api().profile(ATHLETE).id()).isEqualTo(1001);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(standIn.apiCalls()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsIsBoundedByMaxAttempts() {
        standIn.failNextApiCalls(5, Failure.TOO_MANY_REQUESTS_429);

        TrainingPeaksApiException e = catchThrowableOfType(() -> api().profile(ATHLETE),
                TrainingPeaksApiException.class);

        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.errorCode()).isEqualTo("too_many_requests");
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(standIn.apiCalls()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void retryAfterLongerThanTheCapFailsAtOnceInsteadOfWaiting() {
        standIn.failNextApiCalls(1, Failure.TOO_MANY_REQUESTS_429);

        TrainingPeaksApiException e = catchThrowableOfType(
                () -> api(withMaxBackoff(Duration.ofMillis(500)), standIn.baseUri()).profile(ATHLETE),
                TrainingPeaksApiException.class);

        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(sleeps).isEmpty();
        assertThat(standIn.apiCalls()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoffThenReportedWithASnippet() {
        standIn.failNextApiCalls(3, Failure.HTML_502);

        TrainingPeaksApiException e = catchThrowableOfType(() -> api().workouts(ATHLETE, NOV_1, NOV_14),
                TrainingPeaksApiException.class);

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.errorCode()).isEqualTo("non_json_body");
        assertThat(e.bodySnippet()).contains("502 Bad Gateway").doesNotContain("\n");
        assertThat(e.path()).isEqualTo("/v2/workouts/2026-11-01/2026-11-14");
        assertThat(e.getMessage()).contains("HTTP 502").contains(ATHLETE);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(standIn.apiCalls()).isEqualTo(3);
    }

    @Test
    void aServiceUnavailableInBetweenIsRetriedTransparently() {
        standIn.failNextApiCalls(1, Failure.SERVICE_UNAVAILABLE_503);

        assertThat(api().metrics(ATHLETE, NOV_1, NOV_14)).hasSizeGreaterThanOrEqualTo(14);
        assertThat(standIn.apiCalls()).isEqualTo(2);
    }

    @Test
    void missingScopeIsReportedWithoutRetrying() {
        tokens.connect("profile-only", "athlete:profile");

        TrainingPeaksApiException e = catchThrowableOfType(() -> api().coachAthletes("profile-only"),
                TrainingPeaksApiException.class);

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("insufficient_scope");
        assertThat(e.retryable()).isFalse();
        assertThat(standIn.apiCalls()).isEqualTo(1);
    }

    @Test
    void noAnswerAtAllIsRetriedThenReportedAsConnectionFailure() {
        URI closed = URI.create("http://127.0.0.1:9");

        TrainingPeaksApiException e = catchThrowableOfType(
                () -> api(ApiClientProperties.defaults(), closed).profile(ATHLETE), TrainingPeaksApiException.class);

        assertThat(e.httpStatus()).isNull();
        assertThat(e.errorCode()).isEqualTo("connection_failed");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void noStoredTokenMeansReauthorizationWithoutAnyHttpCall() {
        ReauthorizationRequiredException e = catchThrowableOfType(() -> api().profile("never-connected"),
                ReauthorizationRequiredException.class);

        assertThat(e.reason()).isEqualTo("not connected");
        assertThat(standIn.apiCalls()).isZero();
    }

    @Test
    void anInvalidRangeFailsBeforeAnyTokenLookupOrCall() {
        TrainingPeaksApi api = api();

        assertThatThrownBy(() -> api.workouts(ATHLETE, NOV_14, NOV_1)).isInstanceOf(InvalidDateRangeException.class)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> api.metrics(ATHLETE, NOV_1, NOV_1.plusDays(46)))
            .isInstanceOf(InvalidDateRangeException.class).hasMessageContaining("45");
        assertThatThrownBy(() -> api.workouts(ATHLETE, null, NOV_1)).isInstanceOf(InvalidDateRangeException.class);

        assertThat(tokens.getTokenCalls).hasValue(0);
        assertThat(standIn.apiCalls()).isZero();
    }

    @Test
    void theLongestAllowedRangeIsAccepted() {
        assertThat(api().workouts(ATHLETE, NOV_1, NOV_1.plusDays(45))).hasSizeGreaterThan(30);
    }

    @Test
    void errorsNeverCarryTheToken() {
        standIn.failNextApiCalls(3, Failure.SERVICE_UNAVAILABLE_503);
        String token = tokens.accessTokenOf(ATHLETE);

        TrainingPeaksApiException e = catchThrowableOfType(() -> api().profile(ATHLETE),
                TrainingPeaksApiException.class);

        assertThat(e.getMessage()).doesNotContain(token).contains("temporarily_unavailable");
        assertThat(e.bodySnippet()).doesNotContain(token);
    }
}
