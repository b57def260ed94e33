package com.podium.trainingpeaks.standin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calendar edits and the changed feed, {@code GET /v2/workouts/changed} (wiki Workouts-Get-Changed, research S3):
 * <pre>
 * GET /v2/workouts/changed?date={date}&amp;pageSize=50&amp;page=0     workouts:read
 *   date: "in UTC. Required." The minimum is 2000-01-01; earlier dates are an error.
 *   pageSize: results per request, max 100. page: zero-based. workoutTypeFilter, includeDescription as on workouts.
 *   200: {"Deleted":[123456789],"Modified":[{workout object}, ...]}, workouts "updated since the date provided"
 * </pre>
 * What the wiki leaves open has a knob per plausible answer ({@link Knobs}): the route is spelled {@code changes}
 * on the page's "Resource endpoint" line but {@code changed} in its examples (and in S4, S7); {@code date} is a UTC
 * day in the text, but it may be taken as a day in Mountain time, like {@code LastModifiedDate}; that field is
 * "based on Mountain time" without offset in Workouts-Object but {@code "2017-09-25T17:31:28.9428265Z"} (UTC, 7
 * fractional digits) in this page's example; and whether {@code pageSize} pages the deleted ids too or every page
 * repeats all of them. Unconfirmed too: the 400 bodies, and what a coach's token gets (no coach form is documented:
 * the coach's own, empty, calendar).
 * <p>
 * Edits ({@code modifyWorkout}, {@code deleteWorkout}) stand for a user changing their calendar on TrainingPeaks; the
 * range and single-workout routes show them as well. Generated workouts count as modified at their
 * {@code LastModifiedDate} (Mountain time) once that time has passed; the feed looks a year back at most.
 */
final class WorkoutChanges {

    static final ZoneId MOUNTAIN = ZoneId.of("America/Denver");
    private static final LocalDate MINIMUM_DATE = LocalDate.of(2000, 1, 1);
    private static final int MAX_PAGE_SIZE = 100;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter UTC_SEVEN_DIGITS = DateTimeFormatter
        .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private record Edit(String title, Instant at) {
    }

    private final Map<Long, Edit> modified = new ConcurrentHashMap<>();
    private final Map<Long, Instant> deleted = new ConcurrentHashMap<>();
    private final Knobs knobs;

    WorkoutChanges(Knobs knobs) {
        this.knobs = knobs;
    }

    void modify(long workoutId, String title, Instant at) {
        deleted.remove(workoutId);
        modified.put(workoutId, new Edit(title, at));
    }

    void delete(long workoutId, Instant at) {
        modified.remove(workoutId);
        deleted.put(workoutId, at);
    }

    /** A generated workout as the user left it: empty when deleted, else edited and LastModifiedDate rendered. */
    Optional<Map<String, Object>> apply(Map<String, Object> workout) {
        long id = ((Number) workout.get("Id")).longValue();
        if (deleted.containsKey(id)) {
            return Optional.empty();
        }
        Map<String, Object> w = new LinkedHashMap<>(workout);
        Edit edit = modified.get(id);
        if (edit != null) {
            w.put("Title", edit.title());
        }
        w.put("LastModifiedDate", render(lastModified(workout)));
        return Optional.of(w);
    }

    List<Map<String, Object>> apply(List<Map<String, Object>> workouts) {
        return workouts.stream().map(this::apply).flatMap(Optional::stream).toList();
    }

    /** The feed's answer for {@code athlete}, as of {@code now}. */
    Map<String, Object> changedSince(Athlete athlete, Map<String, String> query, LocalDate today, Instant now) {
        Instant since = since(query.get("date"));
        int pageSize = number(query.get("pageSize"), 50, "pageSize");
        int page = number(query.get("page"), 0, "page");
        if (page < 0) {
            throw new BadRequest("page is zero-based");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new BadRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        boolean description = "true".equalsIgnoreCase(query.get("includeDescription"));
        String typeFilter = query.get("workoutTypeFilter");
        List<Map<String, Object>> changed = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        if (!athlete.coach()) {
            Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
            LocalDate first = since.atZone(MOUNTAIN).toLocalDate().minusDays(1);
            first = first.isBefore(today.minusDays(366)) ? today.minusDays(366) : first;
            for (LocalDate day = first; !day.isAfter(today.plusDays(4)); day = day.plusDays(1)) {
                TrainingData.workouts(athlete, new TrainingData.DateRange(day, day), description, today)
                    .forEach(w -> byId.put(((Number) w.get("Id")).longValue(), w));
            }
            modified.keySet().forEach(id -> TrainingData.workout(athlete, id, description, today)
                .ifPresent(w -> byId.put(id, w)));
            byId.values().stream()
                .filter(w -> !deleted.containsKey(((Number) w.get("Id")).longValue()))
                .filter(w -> {
                    Instant at = lastModified(w);
                    return !at.isBefore(since) && !at.isAfter(now);
                })
                .filter(w -> typeFilter == null || typeFilter.equalsIgnoreCase((String) w.get("WorkoutType")))
                .sorted(Comparator.comparing(this::lastModified).thenComparing(w -> ((Number) w.get("Id")).longValue()))
                .map(this::apply)
                .flatMap(Optional::stream)
                .forEach(changed::add);
            deleted.entrySet().stream()
                .filter(e -> e.getKey() / TrainingData.ID_FACTOR == athlete.id() && !e.getValue().isBefore(since))
                .map(Map.Entry::getKey).sorted().forEach(gone::add);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Deleted", knobs.deletedOnEveryPage ? gone : page(gone, page, pageSize));
        answer.put("Modified", page(changed, page, pageSize));
        return answer;
    }

    private Instant lastModified(Map<String, Object> workout) {
        Edit edit = modified.get(((Number) workout.get("Id")).longValue());
        if (edit != null) {
            return edit.at();
        }
        // Generated workouts carry a local time; Workouts-Object says it is Mountain time.
        return LocalDateTime.parse((String) workout.get("LastModifiedDate"), LOCAL).atZone(MOUNTAIN).toInstant();
    }

    private String render(Instant at) {
        return knobs.lastModifiedInUtc ? UTC_SEVEN_DIGITS.format(at) : LOCAL.format(at.atZone(MOUNTAIN));
    }

    /** The start of {@code date}'s day (or that time) in the zone the knob says the date is in. */
    private Instant since(String date) {
        if (date == null || date.isBlank()) {
            throw new BadRequest("date is required");
        }
        LocalDateTime start;
        try {
            start = date.length() <= 10 ? LocalDate.parse(date).atStartOfDay() : LocalDateTime.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadRequest("date must be formatted yyyy-MM-dd");
        }
        if (start.toLocalDate().isBefore(MINIMUM_DATE)) {
            throw new BadRequest("The minimum date is 2000-01-01");
        }
        return start.atZone(knobs.changesDateZone).toInstant();
    }

    private static <T> List<T> page(List<T> all, int page, int pageSize) {
        int from = (int) Math.min((long) page * pageSize, all.size());
        return all.subList(from, Math.min(from + pageSize, all.size()));
    }

    private static int number(String text, int fallback, String name) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number");
        }
    }
}
