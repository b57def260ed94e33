package com.podium.connect.apiclient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive day range as the TrainingPeaks API accepts it: both ends set, {@code start <= end}, and at most
 * {@value #MAX_DAYS} days between them. Checked on construction, so a bad range never reaches the network.
 */
public record DateRange(LocalDate start, LocalDate end) {

    /** TrainingPeaks rejects longer ranges (end minus start, in days). */
    public static final int MAX_DAYS = 45;

    public DateRange {
        if (start == null || end == null) {
            throw new InvalidDateRangeException("Start and end date are required (got " + start + " to " + end + ")");
        }
        if (end.isBefore(start)) {
            throw new InvalidDateRangeException("End date " + end + " is before start date " + start);
        }
        long days = ChronoUnit.DAYS.between(start, end);
        if (days > MAX_DAYS) {
            throw new InvalidDateRangeException("Date range " + start + " to " + end + " spans " + days
                    + " days; TrainingPeaks allows at most " + MAX_DAYS);
        }
    }

    /** The last {@code days} days, today included, "today" being the date in the clock's zone. */
    public static DateRange lastDays(int days, Clock clock) {
        if (days < 1) {
            throw new InvalidDateRangeException("A range needs at least one day, not " + days);
        }
        LocalDate today = LocalDate.now(clock);
        return new DateRange(today.minusDays(days - 1L), today);
    }

    /** Consecutive, non-overlapping ranges covering {@code from..to} (inclusive), each as long as TrainingPeaks allows. */
    public static List<DateRange> covering(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidDateRangeException("The period ends (" + to + ") before it starts (" + from + ")");
        }
        List<DateRange> ranges = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); ) {
            LocalDate end = start.plusDays(MAX_DAYS).isAfter(to) ? to : start.plusDays(MAX_DAYS);
            ranges.add(new DateRange(start, end));
            start = end.plusDays(1);
        }
        return ranges;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
