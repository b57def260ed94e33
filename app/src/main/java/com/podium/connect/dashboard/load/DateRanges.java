package com.podium.connect.dashboard.load;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.podium.connect.apiclient.DateRange;

/** A period longer than TrainingPeaks allows in one request, cut into consecutive requests it accepts. */
public final class DateRanges {

    private DateRanges() {
    }

    /** Consecutive, non-overlapping ranges covering {@code from..to} (inclusive), each within the API's limit. */
    public static List<DateRange> covering(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        return DateRange.covering(from, to);
    }

    static long days(DateRange range) {
        return ChronoUnit.DAYS.between(range.start(), range.end()) + 1;
    }
}
