package com.podium.trainingpeaks.standin;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Deterministic workouts and metrics: one per day, derived from (athlete id, date) only, so repeated calls and
 * separate test runs see the same numbers. Ids encode athlete and day, which lets a workout be looked up by id.
 */
final class TrainingData {

    static final int MAX_RANGE_DAYS = 45;
    private static final long ID_FACTOR = 100_000; // epoch days stay below this until the 23rd century
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String[] TYPES = {"Run", "Bike", "Swim"};

    private TrainingData() {
    }

    /** A validated yyyy-MM-dd range of at most 45 days (end - start), as the real API enforces. */
    record DateRange(LocalDate start, LocalDate end) {
        static DateRange parse(String start, String end) {
            LocalDate from = date(start);
            LocalDate to = date(end);
            if (to.isBefore(from)) {
                throw new BadRequest("endDate must not be before startDate");
            }
            if (ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
                throw new BadRequest("The date range must not be longer than " + MAX_RANGE_DAYS + " days");
            }
            return new DateRange(from, to);
        }

        private static LocalDate date(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new BadRequest("Dates must be formatted yyyy-MM-dd");
            }
        }

        List<LocalDate> days() {
            return start.datesUntil(end.plusDays(1)).toList();
        }
    }

    static List<Map<String, Object>> workouts(long athleteId, DateRange range) {
        List<Map<String, Object>> list = new ArrayList<>();
        range.days().forEach(day -> list.add(workout(athleteId, day, false)));
        return list;
    }

    static Optional<Map<String, Object>> workoutDetails(long athleteId, long workoutId) {
        if (workoutId < 0 || workoutId / ID_FACTOR != athleteId) {
            return Optional.empty(); // unknown, or another athlete's workout
        }
        return Optional.of(workout(athleteId, LocalDate.ofEpochDay(workoutId % ID_FACTOR), true));
    }

    static List<Map<String, Object>> metrics(long athleteId, DateRange range) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LocalDate day : range.days()) {
            Random random = random(athleteId, day, 7);
            Map<String, Object> metric = new LinkedHashMap<>();
            metric.put("Id", id(athleteId, day));
            metric.put("AthleteId", athleteId);
            metric.put("Timestamp", day.atTime(7, 0).format(LOCAL_DATE_TIME));
            metric.put("Details", List.of(
                    detail("RestingHeartRate", 44.0 + random.nextInt(10)),
                    detail("WeightInKilograms", round1(70.0 + (random.nextInt(21) - 10) / 10.0))));
            list.add(metric);
        }
        return list;
    }

    private static Map<String, Object> workout(long athleteId, LocalDate day, boolean details) {
        Random random = random(athleteId, day, 0);
        String type = TYPES[random.nextInt(TYPES.length)];
        double hours = type.equals("Swim") ? 0.5 + 0.25 * random.nextInt(3) : 0.5 + 0.25 * random.nextInt(7);
        double kmh = switch (type) {
            case "Run" -> 9 + random.nextInt(4);
            case "Bike" -> 24 + random.nextInt(9);
            default -> 2.5 + 0.5 * random.nextInt(3);
        };
        double intensity = 0.65 + 0.05 * random.nextInt(5);
        int heartRate = 120 + random.nextInt(40);
        int power = (type.equals("Bike") ? 150 : 200) + random.nextInt(100);

        Map<String, Object> workout = new LinkedHashMap<>();
        workout.put("Id", id(athleteId, day));
        workout.put("AthleteId", athleteId);
        workout.put("WorkoutDay", day.atStartOfDay().format(LOCAL_DATE_TIME));
        workout.put("Title", (intensity >= 0.8 ? "Tempo " : "Endurance ") + type);
        workout.put("WorkoutType", type);
        workout.put("TotalTime", hours);
        workout.put("Distance", (double) Math.round(hours * kmh * 100) * 10); // metres, to 10 m
        workout.put("TssActual", round1(hours * intensity * intensity * 100));
        if (details) {
            workout.put("Description", "Stand-in " + type.toLowerCase() + " session on " + day);
            workout.put("HeartRateAverage", (double) heartRate);
            workout.put("PowerAverage", type.equals("Swim") ? null : (Object) (double) power); // no power in the pool
        }
        return workout;
    }

    private static Map<String, Object> detail(String type, double value) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("Type", type);
        detail.put("Value", value);
        return detail;
    }

    private static long id(long athleteId, LocalDate day) {
        return athleteId * ID_FACTOR + day.toEpochDay();
    }

    /** java.util.Random's algorithm is specified, so the same seed gives the same data on every JVM. */
    private static Random random(long athleteId, LocalDate day, int salt) {
        return new Random(athleteId * 1_000_003L + day.toEpochDay() * 31 + salt);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The fixed roster behind GET /v1/coach/athletes. */
    static List<Map<String, Object>> coachAthletes() {
        return List.of(
                coachAthlete(3001, "Mary", "Somerville"),
                coachAthlete(3002, "Emmy", "Noether"),
                coachAthlete(3003, "Sophie", "Germain"));
    }

    private static Map<String, Object> coachAthlete(long id, String first, String last) {
        Map<String, Object> athlete = new LinkedHashMap<>();
        athlete.put("Id", id);
        athlete.put("FirstName", first);
        athlete.put("LastName", last);
        athlete.put("Email", "athlete" + id + "@example.test");
        return athlete;
    }
}
