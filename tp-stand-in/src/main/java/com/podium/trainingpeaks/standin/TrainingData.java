package com.podium.trainingpeaks.standin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic workouts and metrics derived from (athlete, date) only, so repeated calls and separate test runs see
 * the same numbers. Shapes follow the wiki (S3 Workouts-Object, v2-Metrics-Get-Athlete-Metrics, Premium-vs-Basic);
 * the values are made up. Ids encode athlete, day and slot, which lets a workout be looked up by id.
 */
final class TrainingData {

    /** "The range may not exceed 45 days" (S4 guide and endpoints.md; S3 Strength-Workouts-Get). */
    static final int MAX_RANGE_DAYS = 45;
    static final long ID_FACTOR = 1_000_000; // epoch day * 10 + slot stays below this until the 24th century
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String[] TYPES = {"Run", "Bike", "Swim"};

    /** Null for basic athletes on every workout endpoint (S3 Premium-vs-Basic-Athlete, "Restricted Data"). */
    static final List<String> PREMIUM_ONLY_FIELDS = List.of("TssActual", "TssPlanned", "TssCalculationMethod", "IF",
            "IFPlanned", "NormalizedPower", "PowerAverage", "PowerMaximum", "HeartRateAverage", "HeartRateMaximum",
            "Calories", "Energy", "ElevationGain", "CadenceAverage", "VelocityAverage");

    private TrainingData() {
    }

    /** A validated yyyy-MM-dd range of at most 45 days (end - start). The 400 body is unconfirmed (S4 errors). */
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

    /**
     * The athlete's calendar: planned and completed workouts mixed in one bare array (S3, S4), 0..2 per day. Days
     * before {@code today} (the athlete's local date) hold completed workouts (most also planned, some planned ones
     * missed); today and later only planned ones.
     */
    static List<Map<String, Object>> workouts(Athlete athlete, DateRange range, boolean includeDescription, LocalDate today) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LocalDate day : range.days()) {
            for (int slot = 0; slot < slots(athlete.id(), day); slot++) {
                workout(athlete, day, slot, includeDescription, today).ifPresent(list::add);
            }
        }
        return list;
    }

    /** GET /v2/workouts/id/{id}: the same object as the range call (S4 guide). Empty when unknown or not the athlete's. */
    static Optional<Map<String, Object>> workout(Athlete athlete, long workoutId, boolean includeDescription, LocalDate today) {
        if (workoutId < 0 || workoutId / ID_FACTOR != athlete.id()) {
            return Optional.empty();
        }
        long rest = workoutId % ID_FACTOR;
        LocalDate day = LocalDate.ofEpochDay(rest / 10);
        int slot = (int) (rest % 10);
        if (slot >= slots(athlete.id(), day)) {
            return Optional.empty();
        }
        return workout(athlete, day, slot, includeDescription, today);
    }

    /** Rest day (none), usually one workout, sometimes a second (strength). */
    private static int slots(long athleteId, LocalDate day) {
        int roll = random(athleteId, day, 0).nextInt(10);
        return roll == 0 ? 0 : roll >= 8 ? 2 : 1;
    }

    private static Optional<Map<String, Object>> workout(Athlete athlete, LocalDate day, int slot,
                                                         boolean includeDescription, LocalDate today) {
        Random random = random(athlete.id(), day, 1 + slot);
        boolean past = day.isBefore(today);
        boolean planned = !past || random.nextInt(5) != 0; // an unplanned session only exists once it is done
        boolean completed = past && (!planned || random.nextInt(6) != 0); // some planned sessions get missed
        if (!planned && !completed) {
            return Optional.empty();
        }
        String type = slot == 1 ? "Strength" : TYPES[random.nextInt(TYPES.length)];
        double plannedHours = switch (type) {
            case "Swim" -> 0.5 + 0.25 * random.nextInt(3);
            case "Strength" -> 0.75;
            default -> 0.75 + 0.25 * random.nextInt(6);
        };
        double kmh = switch (type) {
            case "Run" -> 9 + random.nextInt(4);
            case "Bike" -> 24 + random.nextInt(9);
            case "Swim" -> 2.5 + 0.5 * random.nextInt(3);
            default -> 0;
        };
        double plannedIf = 0.65 + 0.05 * random.nextInt(5);
        double hours = round2(plannedHours * (0.85 + 0.3 * random.nextDouble()));
        double intensity = round2(plannedIf + 0.05 * (random.nextInt(3) - 1));
        int heartRate = 120 + random.nextInt(40);
        boolean bike = type.equals("Bike");
        int power = (bike ? 150 : 200) + random.nextInt(100);

        Map<String, Object> w = new LinkedHashMap<>();
        w.put("Id", athlete.id() * ID_FACTOR + day.toEpochDay() * 10 + slot);
        w.put("AthleteId", athlete.id());
        w.put("WorkoutDay", day.atStartOfDay().format(LOCAL_DATE_TIME)); // local date, midnight (S3)
        w.put("Title", (plannedIf >= 0.8 ? "Tempo " : "Endurance ") + type.toLowerCase(Locale.ROOT));
        w.put("WorkoutType", type);
        w.put("Completed", completed);
        w.put("StartTimePlanned", planned ? time(day, 6 + 11 * slot, 30) : null);
        w.put("StartTime", completed ? time(day, 6 + 11 * slot, 30 + random.nextInt(20)) : null);
        w.put("TotalTimePlanned", planned ? plannedHours : null); // decimal hours (S3)
        w.put("TotalTime", completed ? hours : null);
        w.put("DistancePlanned", planned && kmh > 0 ? metres(plannedHours * kmh) : null); // metres (S3)
        w.put("Distance", completed && kmh > 0 ? metres(hours * kmh) : null);
        w.put("TssPlanned", planned ? round1(plannedHours * plannedIf * plannedIf * 100) : null);
        w.put("TssActual", completed ? round1(hours * intensity * intensity * 100) : null);
        w.put("TssCalculationMethod", completed ? (bike ? "Power" : "HeartRate") : null);
        w.put("IFPlanned", planned ? plannedIf : null);
        w.put("IF", completed ? intensity : null);
        w.put("NormalizedPower", completed && bike ? (double) power + 12 : null);
        w.put("PowerAverage", completed && bike ? (double) power : null); // no power meter on foot or in the pool
        w.put("PowerMaximum", completed && bike ? (double) power * 3 : null);
        w.put("HeartRateAverage", completed ? (double) heartRate : null);
        w.put("HeartRateMaximum", completed ? (double) heartRate + 25 : null);
        w.put("Calories", completed ? (double) Math.round(hours * 600) : null);
        w.put("Energy", completed && bike ? round1(power * hours * 3.6) : null); // kJ
        w.put("ElevationGain", completed && kmh > 0 && !type.equals("Swim") ? (double) random.nextInt(400) : null);
        w.put("CadenceAverage", completed && (bike || type.equals("Run")) ? (double) (80 + random.nextInt(10)) : null);
        w.put("VelocityAverage", completed && kmh > 0 ? round2(kmh / 3.6 * 0.97) : null); // m/s
        w.put("LastModifiedDate", time(completed ? day : day.minusDays(3), completed ? 20 : 18, 5));
        if (includeDescription) {
            // "Returned only when includeDescription is set to true" (S3 Workouts-Object).
            w.put("Description", planned ? "Stand-in plan: " + plannedHours + " h " + type.toLowerCase(Locale.ROOT)
                    + " at IF " + plannedIf : null);
        }
        if (!athlete.premium()) {
            PREMIUM_ONLY_FIELDS.forEach(field -> w.put(field, null));
        }
        return Optional.of(w);
    }

    /**
     * Flat metric entries (S3 v2-Metrics-Get-Athlete-Metrics): MetricId (GUID string), AthleteId, DateTime (local, to
     * the minute), UploadClient, then one key per measured value, present only when measured; several per day. Resting
     * HR is {@code Pulse} and HRV is spelled {@code Hrv} in a live answer (S6 HRV_FIX.md) but {@code HRV} in the wiki,
     * hence {@code hrvKey}. Nothing after {@code today}.
     */
    static List<Map<String, Object>> metrics(Athlete athlete, DateRange range, String hrvKey, LocalDate today) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LocalDate day : range.days()) {
            if (day.isAfter(today)) {
                break;
            }
            Random random = random(athlete.id(), day, 7);
            Map<String, Object> morning = metric(athlete, day, 0, time(day, 6, random.nextInt(60)), "Garmin Connect");
            morning.put("Pulse", 44 + random.nextInt(10));
            if (random.nextInt(7) != 0) {
                morning.put(hrvKey, round1(55 + random.nextInt(300) / 10.0));
            }
            morning.put("SleepHours", round2(6 + random.nextInt(10) / 4.0));
            morning.put("TimeInDeepSleep", round2(1 + random.nextInt(6) / 4.0));
            morning.put("SleepQuality", random.nextBoolean() ? "Good" : "Average");
            list.add(morning);
            if (random.nextBoolean()) {
                Map<String, Object> scale = metric(athlete, day, 1, time(day, 7, random.nextInt(60)), "Withings");
                scale.put("WeightInKilograms", round1(70.0 + (random.nextInt(21) - 10) / 10.0));
                scale.put("PercentFat", round1(12 + random.nextInt(30) / 10.0));
                list.add(scale);
            }
            if (random.nextInt(4) == 0) {
                Map<String, Object> evening = metric(athlete, day, 2, time(day, 21, random.nextInt(60)), "Podium test");
                evening.put("Stress", random.nextBoolean() ? "Low" : "Medium"); // a string, like SleepQuality (S3)
                evening.put("Steps", 6000 + random.nextInt(9000));
                list.add(evening);
            }
        }
        return list;
    }

    private static Map<String, Object> metric(Athlete athlete, LocalDate day, int slot, String dateTime, String client) {
        Map<String, Object> metric = new LinkedHashMap<>();
        String seed = athlete.id() + "/" + day + "/" + slot;
        metric.put("MetricId", UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT));
        metric.put("AthleteId", athlete.id());
        metric.put("DateTime", dateTime);
        metric.put("UploadClient", client);
        return metric;
    }

    private static String time(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).format(LOCAL_DATE_TIME);
    }

    private static double metres(double km) {
        return (double) Math.round(km * 100) * 10; // to 10 m
    }

    /** java.util.Random's algorithm is specified, so the same seed gives the same data on every JVM. */
    private static Random random(long athleteId, LocalDate day, int salt) {
        return new Random(athleteId * 1_000_003L + day.toEpochDay() * 31 + salt);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
