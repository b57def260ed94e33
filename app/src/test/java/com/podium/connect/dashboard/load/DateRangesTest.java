package com.podium.connect.dashboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.podium.connect.apiclient.DateRange;

class DateRangesTest {

    @Test
    void ninetyDaysPlusWarmUpTakeThreeRequestsThatTouchButDoNotOverlap() {
        LocalDate to = LocalDate.of(2026, 11, 25);
        LocalDate from = to.minusDays(90 + 42 - 1);

        List<DateRange> ranges = DateRanges.covering(from, to);

        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(0).start()).isEqualTo(from);
        assertThat(ranges.get(2).end()).isEqualTo(to);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end().plusDays(1));
        }
        assertThat(ranges.stream().mapToLong(DateRanges::days).sum()).isEqualTo(132);
    }

    @Test
    void oneDayAndTheLimitItselfAreOneRequest() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        assertThat(DateRanges.covering(day, day)).containsExactly(new DateRange(day, day));
        assertThat(DateRanges.covering(day, day.plusDays(DateRange.MAX_DAYS))).hasSize(1);
        assertThat(DateRanges.covering(day, day.plusDays(DateRange.MAX_DAYS + 1))).hasSize(2);
        assertThatThrownBy(() -> DateRanges.covering(day, day.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
