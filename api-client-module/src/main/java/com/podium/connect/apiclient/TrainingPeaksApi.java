package com.podium.connect.apiclient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

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
 * {@link InvalidDateRangeException} before any call for a range TrainingPeaks would refuse. After a
 * {@code TokenRevoked} on {@value TokenEvents#TOPIC} every call for that athlete fails fast without a token lookup or
 * HTTP until the athlete authorizes again.
 */
@Component
public class TrainingPeaksApi {

    private final ApiCaller caller;
    private final AnswerCache cache;
    private final RevocationState revocations;
    private final ApiClientProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    public TrainingPeaksApi(Tokens tokens, RevocationState revocations, TrainingPeaksProperties trainingPeaks,
            ApiClientProperties properties, ObjectMapper json) {
        this(tokens, revocations, trainingPeaks, properties, json, Sleeper.THREAD, Clock.systemUTC());
    }

    TrainingPeaksApi(Tokens tokens, RevocationState revocations, TrainingPeaksProperties trainingPeaks,
            ApiClientProperties properties, ObjectMapper json, Sleeper sleeper, Clock clock) {
        this.caller = new ApiCaller(tokens, revocations, new ApiTransport(trainingPeaks.apiBase(), properties),
                properties, sleeper, clock);
        this.cache = new AnswerCache(properties.cacheTtl(), clock);
        this.revocations = revocations;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** {@code GET /v1/athlete/profile}; cached briefly. */
    public AthleteProfile profile(String athleteId) {
        return cached(athleteId, "profile", () -> fetch(athleteId, "/v1/athlete/profile", AthleteProfile.class));
    }

    /** {@code GET /v2/workouts/{start}/{end}}; cached briefly. */
    public List<Workout> workouts(String athleteId, LocalDate start, LocalDate end) {
        return workouts(athleteId, new DateRange(start, end));
    }

    public List<Workout> workouts(String athleteId, DateRange range) {
        requireRange(range);
        return cached(athleteId, "workouts:" + range,
                () -> fetchList(athleteId, "/v2/workouts/" + range.start() + "/" + range.end(), Workout.class));
    }

    /** {@code GET /v2/workouts/id/{workoutId}}; not cached. */
    public WorkoutDetails workout(String athleteId, long workoutId) {
        return fetch(athleteId, "/v2/workouts/id/" + workoutId, WorkoutDetails.class);
    }

    /** {@code GET /v2/metrics/{start}/{end}}; cached briefly. */
    public List<Metric> metrics(String athleteId, LocalDate start, LocalDate end) {
        return metrics(athleteId, new DateRange(start, end));
    }

    public List<Metric> metrics(String athleteId, DateRange range) {
        requireRange(range);
        return cached(athleteId, "metrics:" + range,
                () -> fetchList(athleteId, "/v2/metrics/" + range.start() + "/" + range.end(), Metric.class));
    }

    /** {@code GET /v1/coach/athletes} with the coach's token; not cached. */
    public List<CoachAthlete> coachAthletes(String coachId) {
        return fetchList(coachId, "/v1/coach/athletes", CoachAthlete.class);
    }

    /** The window the dashboard shows and scheduled syncs keep warm: the last {@code podium.api.recent-days} days. */
    public DateRange recentRange() {
        return DateRange.lastDays(properties.recentDays(), clock);
    }

    /** Re-reads profile, recent workouts and metrics into the cache (what a scheduled sync does). */
    void refreshRecent(String athleteId) {
        DateRange range = recentRange();
        AthleteProfile profile = fetch(athleteId, "/v1/athlete/profile", AthleteProfile.class);
        List<Workout> workouts = fetchList(athleteId, "/v2/workouts/" + range.start() + "/" + range.end(), Workout.class);
        List<Metric> metrics = fetchList(athleteId, "/v2/metrics/" + range.start() + "/" + range.end(), Metric.class);
        revocations.ensureNotRevoked(athleteId); // revoked while we were fetching: keep nothing
        cache.put(athleteId, "profile", profile);
        cache.put(athleteId, "workouts:" + range, workouts);
        cache.put(athleteId, "metrics:" + range, metrics);
    }

    /** Drops everything cached for the athlete (on revocation and on a new authorization). */
    void forget(String athleteId) {
        cache.evict(athleteId);
    }

    boolean hasCachedAnswers(String athleteId) {
        return cache.holdsAnythingFor(athleteId);
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
