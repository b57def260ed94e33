package com.podium.connect.dashboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TrainingLoadTest {

    static final LocalDate START = LocalDate.of(2026, 1, 1);

    @Test
    void oneWorkoutMovesFitnessByA42ndAndFatigueByASeventh() {
        List<TrainingLoad.Day> days = TrainingLoad.between(Map.of(START, 84.0), START, START.plusDays(1));

        assertThat(days.get(0).fitness()).isCloseTo(2.0, within(1e-9));
        assertThat(days.get(0).fatigue()).isCloseTo(12.0, within(1e-9));
        assertThat(days.get(0).form()).isCloseTo(-10.0, within(1e-9));
        // A rest day: both decay towards 0, fatigue faster.
        assertThat(days.get(1).fitness()).isCloseTo(2.0 * 41 / 42, within(1e-9));
        assertThat(days.get(1).fatigue()).isCloseTo(12.0 * 6 / 7, within(1e-9));
        assertThat(days.get(1).tss()).isZero();
    }

    @Test
    void aSteadyLoadConvergesToItselfAndFormToZero() {
        Map<LocalDate, Double> tss = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            tss.put(START.plusDays(i), 60.0);
        }

        TrainingLoad.Day last = TrainingLoad.between(tss, START, START.plusDays(399)).get(399);

        assertThat(last.fitness()).isCloseTo(60.0, within(0.01));
        assertThat(last.fatigue()).isCloseTo(60.0, within(0.01));
        assertThat(last.form()).isCloseTo(0.0, within(0.01));
    }

    @Test
    void aTaperRaisesForm() {
        Map<LocalDate, Double> tss = new HashMap<>();
        for (int i = 0; i < 84; i++) {
            tss.put(START.plusDays(i), 80.0);
        }
        List<TrainingLoad.Day> days = TrainingLoad.between(tss, START, START.plusDays(90));

        assertThat(days.get(83).form()).isLessThan(0);
        assertThat(days.get(90).form()).as("a week of rest after 12 weeks of load").isGreaterThan(10);
        assertThat(days).hasSize(91);
    }
}
