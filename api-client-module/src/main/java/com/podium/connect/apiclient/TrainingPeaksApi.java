package com.podium.connect.apiclient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TokenEvents;
import com.podium.connect.token.Tokens;
import com.podium.connect.token.TrainingPeaksProperties;

/**
 * The TrainingPeaks API, typed. Every call takes the Podium athlete (or coach) id whose token to use.
 * <p>
 * Errors: {@link ReauthorizationRequiredException} when the athlete has to connect TrainingPeaks again (no token,
 * token revoked, 401 after a refresh); {@link TrainingPeaksApiException} for anything else that failed;
 * {@link InvalidDateRangeException} before any call for a range TrainingPeaks would refuse;
 * {@link PremiumRequiredException} (a {@code TrainingPeaksApiException}) for premium-only data of a basic athlete. After a
 * {@code TokenRevoked} on {@value TokenEvents#TOPIC} every call for that athlete fails fast without a token lookup or
 * HTTP until the athlete authorizes again.
 */
@Component
public class TrainingPeaksApi {

    private static final String PROFILE = "/v1/athlete/profile";
    private static final String COACH_PROFILE = "/v1/coach/profile";
    private static final String ROSTER = "/v1/coach/athletes";
    /** Descriptions only come when asked for (wiki Workouts-Object); we ask where one is shown: a single workout. */
    private static final String WITH_DESCRIPTION = "?includeDescription=true";
    /** The two spellings of the changed feed's route in the wiki (Workouts-Get-Changed), its examples' first. */
    private static final List<String> CHANGES_ROUTES = List.of("changed", "changes");
    private static final LocalDate CHANGES_MINIMUM_DATE = LocalDate.of(2000, 1, 1);

    private final ApiCaller caller;
    private final AnswerCache cache;
    private final RevocationState revocations;
    private final ApiClientProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile String changesRoute = CHANGES_ROUTES.get(0);

    /**
     * @param restClients Boot's builder, so calls are observed (latency by status on the metrics endpoint)
     * @param meters where the answer cache reports Micrometer's cache metrics ({@code cache_gets_total}, ...)
     */
    @Autowired
    public TrainingPeaksApi(Tokens tokens, RevocationState revocations, TrainingPeaksProperties trainingPeaks,
            ApiClientProperties properties, ObjectMapper json, ObjectProvider<RestClient.Builder> restClients,
            ObjectProvider<MeterRegistry> meters) {
        this(tokens, revocations, trainingPeaks, properties, json, Sleeper.THREAD, Clock.systemUTC(),
                restClients.getIfAvailable(RestClient::builder));
        meters.ifAvailable(cache::bindTo);
    }

    TrainingPeaksApi(Tokens tokens, RevocationState revocations, TrainingPeaksProperties trainingPeaks,
            ApiClientProperties properties, ObjectMapper json, Sleeper sleeper, Clock clock) {
        this(tokens, revocations, trainingPeaks, properties, json, sleeper, clock, RestClient.builder());
    }

    private TrainingPeaksApi(Tokens tokens, RevocationState revocations, TrainingPeaksProperties trainingPeaks,
            ApiClientProperties properties, ObjectMapper json, Sleeper sleeper, Clock clock,
            RestClient.Builder restClient) {
        this.caller = new ApiCaller(tokens, revocations,
                new ApiTransport(trainingPeaks.apiBase(), properties, restClient), properties, sleeper, clock);
        this.cache = new AnswerCache(properties.cacheTtl(), clock);
        this.revocations = revocations;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** {@code GET /v1/athlete/profile} (scope {@code athlete:profile}, athletes only); cached briefly. */
    public AthleteProfile profile(String athleteId) {
        return cached(athleteId, "profile", () -> fetch(athleteId, PROFILE, AthleteProfile.class));
    }

    /**
     * {@code GET /v1/athlete/profile}, never from the cache (the answer replaces the cached one): the cheap call a
     * page makes on every load, so that a grant TrainingPeaks no longer honours is found at once (401, refresh,
     * {@code invalid_grant}, revoked), and what a background sync reads.
     */
    public AthleteProfile freshProfile(String athleteId) {
        revocations.ensureNotRevoked(athleteId);
        AthleteProfile profile = fetch(athleteId, PROFILE, AthleteProfile.class);
        revocations.ensureNotRevoked(athleteId);
        cache.put(athleteId, "profile", profile);
        return profile;
    }

    /** {@code GET /v1/coach/profile}, never from the cache: a coach page's per-load check, like {@link #freshProfile}. */
    public CoachProfile freshCoachProfile(String coachId) {
        revocations.ensureNotRevoked(coachId);
        CoachProfile profile = fetch(coachId, COACH_PROFILE, CoachProfile.class);
        revocations.ensureNotRevoked(coachId);
        cache.put(coachId, "coach-profile", profile);
        return profile;
    }

    /** {@code GET /v2/workouts/{start}/{end}}, planned and completed mixed, without descriptions; cached briefly. */
    public List<Workout> workouts(String athleteId, LocalDate start, LocalDate end) {
        return workouts(athleteId, new DateRange(start, end));
    }

    public List<Workout> workouts(String athleteId, DateRange range) {
        requireRange(range);
        return cached(athleteId, "workouts:" + range, () -> fetchList(athleteId, workoutsPath(null, range), Workout.class));
    }

    /** {@code GET /v2/workouts/id/{workoutId}?includeDescription=true} (scope {@code workouts:read}); not cached. */
    public Workout workout(String athleteId, long workoutId) {
        return fetch(athleteId, "/v2/workouts/id/" + workoutId + WITH_DESCRIPTION, Workout.class);
    }

    /**
     * {@code GET /v2/metrics/{start}/{end}}; cached briefly. Premium athletes only.
     *
     * @throws PremiumRequiredException the athlete has a basic account
     */
    public List<Metric> metrics(String athleteId, LocalDate start, LocalDate end) {
        return metrics(athleteId, new DateRange(start, end));
    }

    public List<Metric> metrics(String athleteId, DateRange range) {
        requireRange(range);
        return cached(athleteId, "metrics:" + range, () -> fetchMetrics(athleteId, metricsPath(null, range)));
    }

    /**
     * {@code GET /v2/workouts/changed?date={since}&pageSize=&page=} (scope {@code workouts:read}; wiki
     * Workouts-Get-Changed): the athlete's workouts modified, and the ids of those deleted, since {@code since} (a UTC
     * date, at least 2000-01-01); {@code page} is zero-based, {@code pageSize} at most 100. Not cached. The wiki spells
     * the route {@code changes} on its "Resource endpoint" line and {@code changed} in its examples: a 404 on one
     * (unknown routes answer one as an HTML page) tries the other, and the one that answered is used from then on.
     * Empty when neither exists.
     */
    public Optional<ChangedWorkouts> workoutChanges(String athleteId, LocalDate since, int page, int pageSize) {
        if (since.isBefore(CHANGES_MINIMUM_DATE)) {
            throw new InvalidDateRangeException("The changed feed starts on " + CHANGES_MINIMUM_DATE + ", not " + since);
        }
        if (pageSize < 1 || pageSize > 100 || page < 0) {
            throw new IllegalArgumentException("page must be 0 or more and pageSize 1 to 100");
        }
        String query = "?date=" + since + "&pageSize=" + pageSize + "&page=" + page;
        String route = changesRoute;
        for (int tried = 0; tried < CHANGES_ROUTES.size(); tried++) {
            try {
                ChangedWorkouts changes = fetch(athleteId, "/v2/workouts/" + route + query, ChangedWorkouts.class);
                revocations.ensureNotRevoked(athleteId);
                changesRoute = route;
                return Optional.of(changes);
            }
            catch (TrainingPeaksApiException e) {
                if (!Integer.valueOf(404).equals(e.httpStatus())) {
                    throw e;
                }
                route = CHANGES_ROUTES.get((CHANGES_ROUTES.indexOf(route) + 1) % CHANGES_ROUTES.size());
            }
        }
        return Optional.empty();
    }

    /** {@code GET /v1/coach/profile} with the coach's token; cached briefly. */
    public CoachProfile coachProfile(String coachId) {
        return cached(coachId, "coach-profile", () -> fetch(coachId, COACH_PROFILE, CoachProfile.class));
    }

    /** {@code GET /v1/coach/athletes} with the coach's token: the roster; cached briefly. */
    public List<AthleteProfile> coachAthletes(String coachId) {
        return cached(coachId, "roster", () -> fetchList(coachId, ROSTER, AthleteProfile.class));
    }

    /** {@code GET /v2/workouts/{athleteId}/{start}/{end}} with the coach's token; cached briefly. */
    public List<Workout> athleteWorkouts(String coachId, long tpAthleteId, DateRange range) {
        requireRange(range);
        return cached(coachId, "workouts:" + tpAthleteId + ":" + range,
                () -> fetchList(coachId, workoutsPath(tpAthleteId, range), Workout.class));
    }

    /** {@code GET /v2/workouts/{athleteId}/id/{workoutId}?includeDescription=true} with the coach's token. */
    public Workout athleteWorkout(String coachId, long tpAthleteId, long workoutId) {
        return fetch(coachId, "/v2/workouts/" + tpAthleteId + "/id/" + workoutId + WITH_DESCRIPTION, Workout.class);
    }

    /**
     * {@code GET /v2/metrics/{athleteId}/{start}/{end}} with the coach's token; cached briefly.
     *
     * @throws PremiumRequiredException the athlete has a basic account
     */
    public List<Metric> athleteMetrics(String coachId, long tpAthleteId, DateRange range) {
        requireRange(range);
        return cached(coachId, "metrics:" + tpAthleteId + ":" + range,
                () -> fetchMetrics(coachId, metricsPath(tpAthleteId, range)));
    }

    /**
     * The recent window: the last {@code podium.api.recent-days} days,
     * ending today in the athlete's zone (TrainingPeaks' dates are the athlete's local dates).
     */
    public DateRange recentRange(ZoneId zone) {
        return DateRange.lastDays(properties.recentDays(), clock.withZone(zone));
    }

    /** {@link #recentRange(ZoneId)} in UTC, for when the athlete's zone is not known. */
    public DateRange recentRange() {
        return recentRange(ZoneOffset.UTC);
    }

    private static String workoutsPath(Long tpAthleteId, DateRange range) {
        return "/v2/workouts/" + (tpAthleteId == null ? "" : tpAthleteId + "/") + range.start() + "/" + range.end();
    }

    private static String metricsPath(Long tpAthleteId, DateRange range) {
        return "/v2/metrics/" + (tpAthleteId == null ? "" : tpAthleteId + "/") + range.start() + "/" + range.end();
    }

    /**
     * Metrics are premium only: a basic athlete gets 403 (wiki Premium-vs-Basic-Athlete). A 403 that is not about
     * scope and mentions "premium" (as live answers do, research S6) becomes {@link PremiumRequiredException}.
     */
    private List<Metric> fetchMetrics(String accountId, String path) {
        try {
            return fetchList(accountId, path, Metric.class);
        }
        catch (TrainingPeaksApiException e) {
            if (isPremiumRefusal(e)) {
                throw new PremiumRequiredException(accountId, path, e.bodySnippet(), e);
            }
            throw e;
        }
    }

    private static boolean isPremiumRefusal(TrainingPeaksApiException e) {
        return Integer.valueOf(403).equals(e.httpStatus()) && !"insufficient_scope".equals(e.errorCode())
                && e.bodySnippet() != null && e.bodySnippet().toLowerCase(Locale.ROOT).contains("premium");
    }

    /** Drops everything cached for the athlete (on revocation and on a new authorization). */
    void forget(String athleteId) {
        cache.evict(athleteId);
    }

    boolean hasCachedAnswers(String athleteId) {
        return cache.holdsAnythingFor(athleteId);
    }

    long cachedAnswers(String athleteId) {
        return cache.count(athleteId);
    }

    private <T> T cached(String athleteId, String key, Supplier<T> loader) {
        revocations.ensureNotRevoked(athleteId); // a cached answer must not outlive a revocation either
        return cache.get(athleteId, key, () -> {
            T value = loader.get();
            revocations.ensureNotRevoked(athleteId); // revoked during the call: do not cache or return it
            return value;
        });
    }

    private <T> T fetch(String athleteId, String path, Class<T> type) {
        return parse(athleteId, path, caller.get(athleteId, path), json.constructType(type));
    }

    private <T> List<T> fetchList(String athleteId, String path, Class<T> element) {
        List<T> list = parse(athleteId, path, caller.get(athleteId, path),
                json.getTypeFactory().constructCollectionType(List.class, element));
        return List.copyOf(list);
    }

    private <T> T parse(String athleteId, String path, String body, JavaType type) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new TrainingPeaksApiException(athleteId, path, 200, "empty_body", "", false, null, null);
            }
            return value;
        }
        catch (JsonProcessingException e) {
            // The location and message of Jackson's error may quote the body; the snippet is the sanitised version.
            throw new TrainingPeaksApiException(athleteId, path, 200,
                    ErrorBodies.errorCode(200, body).equals("non_json_body") ? "non_json_body" : "invalid_json",
                    ErrorBodies.snippet(body, null), false, null, null);
        }
    }

    private static void requireRange(DateRange range) {
        if (range == null) {
            throw new InvalidDateRangeException("A date range is required");
        }
    }
}
