package com.podium.connect.dashboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class WeeklyVolumeTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

    @Test
    void sessionsAddUpPerWeekAndSportWithEmptyWeeksKept() {
        List<WeeklyVolume.Session> sessions = List.of(
                new WeeklyVolume.Session(MONDAY, "Run", 1.0, 10),
                new WeeklyVolume.Session(MONDAY.plusDays(6), "Bike", 2.0, 60),
                new WeeklyVolume.Session(MONDAY.plusDays(7), "Swim", 0.5, 1.5),
                new WeeklyVolume.Session(MONDAY.plusDays(8), "Strength", 0.75, 0));

        List<WeeklyVolume.Week> weeks = WeeklyVolume.of(sessions, MONDAY.plusDays(2), MONDAY.plusDays(20));

        assertThat(weeks).extracting(WeeklyVolume.Week::monday)
            .containsExactly(MONDAY, MONDAY.plusWeeks(1), MONDAY.plusWeeks(2));
        assertThat(weeks.get(0).hours()).isEqualTo(3.0);
        assertThat(weeks.get(0).kilometres()).isEqualTo(70.0);
        assertThat(weeks.get(0).hoursBySport()).containsEntry("run", 1.0).containsEntry("bike", 2.0);
        assertThat(weeks.get(1).hoursBySport()).containsEntry("swim", 0.5).containsEntry("other", 0.75);
        assertThat(weeks.get(2).hours()).isZero();
    }
}
