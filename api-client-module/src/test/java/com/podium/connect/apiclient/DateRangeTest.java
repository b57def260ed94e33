package com.podium.connect.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DateRangeTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-01");

    @Test
    void acceptsOneDayUpToFortyFiveDaysApart() {
        assertThat(new DateRange(DAY, DAY).end()).isEqualTo(DAY);
        assertThat(new DateRange(DAY, DAY.plusDays(45)).end()).isEqualTo(DAY.plusDays(45));
    }

    @Test
    void refusesLongerReversedAndOpenRanges() {
        assertThatThrownBy(() -> new DateRange(DAY, DAY.plusDays(46))).isInstanceOf(InvalidDateRangeException.class)
            .hasMessageContaining("46 days").hasMessageContaining("at most 45");
        assertThatThrownBy(() -> new DateRange(DAY, DAY.minusDays(1))).isInstanceOf(InvalidDateRangeException.class)
            .hasMessageContaining("before");
        assertThatThrownBy(() -> new DateRange(null, DAY)).isInstanceOf(InvalidDateRangeException.class)
            .hasMessageContaining("required");
        assertThatThrownBy(() -> new DateRange(DAY, null)).isInstanceOf(InvalidDateRangeException.class);
    }

    @Test
    void lastDaysEndsTodayAndIncludesIt() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T23:30:00Z"), ZoneOffset.UTC);

        DateRange range = DateRange.lastDays(14, clock);

        assertThat(range.start()).isEqualTo(LocalDate.parse("2026-11-12"));
        assertThat(range.end()).isEqualTo(LocalDate.parse("2026-11-25"));
    }
}
