package com.podium.connect.dashboard.load;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Hours and distance per week (Monday to Sunday) and sport. */
public final class WeeklyVolume {

    /** One session as far as volume goes. */
    public record Session(LocalDate day, String sport, double hours, double kilometres) {
    }

    /** One week: totals, and hours per sport (lower case: run, bike, swim, other). */
    public record Week(LocalDate monday, double hours, double kilometres, Map<String, Double> hoursBySport) {
    }

    private WeeklyVolume() {
    }

    /** The weeks from the one holding {@code from} to the one holding {@code to}, empty weeks included. */
    public static List<Week> of(List<Session> sessions, LocalDate from, LocalDate to) {
        Map<LocalDate, List<Session>> byWeek = new TreeMap<>();
        for (LocalDate monday = monday(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            byWeek.put(monday, new ArrayList<>());
        }
        for (Session session : sessions) {
            List<Session> week = byWeek.get(monday(session.day()));
            if (week != null) {
                week.add(session);
            }
        }
        List<Week> weeks = new ArrayList<>();
        byWeek.forEach((monday, week) -> {
            Map<String, Double> bySport = new LinkedHashMap<>();
            for (String sport : List.of("run", "bike", "swim", "other")) {
                bySport.put(sport, 0.0);
            }
            for (Session session : week) {
                bySport.merge(sport(session.sport()), session.hours(), Double::sum);
            }
            weeks.add(new Week(monday, week.stream().mapToDouble(Session::hours).sum(),
                    week.stream().mapToDouble(Session::kilometres).sum(), bySport));
        });
        return weeks;
    }

    public static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static String sport(String workoutType) {
        String type = workoutType == null ? "" : workoutType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "run", "bike", "swim" -> type;
            default -> "other";
        };
    }
}
