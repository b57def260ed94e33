package com.podium.connect.dashboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BaselineTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    /** 28 baseline days alternating base ± 1, then 7 recent days at {@code recent}. */
    static Map<LocalDate, Double> series(double base, double recent) {
        Map<LocalDate, Double> values = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            values.put(TODAY.minusDays(i), recent);
        }
        for (int i = 7; i < 35; i++) {
            values.put(TODAY.minusDays(i), base + (i % 2 == 0 ? 1 : -1));
        }
        return values;
    }

    @Test
    void restingHeartRateWellAboveItsBaselineIsFlagged() {
        var drift = Baseline.drift(series(48, 53), TODAY, Baseline.Bad.UP, 1.0).orElseThrow();

        assertThat(drift.baselineMean()).isEqualTo(48.0);
        assertThat(drift.recentMean()).isEqualTo(53.0);
        assertThat(drift.deviations()).isEqualTo(5.0);
        assertThat(drift.flagged()).isTrue();
    }

    @Test
    void onlyTheUnhealthyDirectionCounts() {
        assertThat(Baseline.drift(series(48, 43), TODAY, Baseline.Bad.UP, 1.0).orElseThrow().flagged())
            .as("a lower resting HR is good news").isFalse();
        assertThat(Baseline.drift(series(60, 50), TODAY, Baseline.Bad.DOWN, 1.0).orElseThrow().flagged())
            .as("HRV down").isTrue();
        assertThat(Baseline.drift(series(60, 61.5), TODAY, Baseline.Bad.DOWN, 1.0).orElseThrow().flagged()).isFalse();
    }

    @Test
    void aMinimumSpreadKeepsASteadyBaselineFromFlaggingNoise() {
        Map<LocalDate, Double> steady = new HashMap<>();
        for (int i = 0; i < 35; i++) {
            steady.put(TODAY.minusDays(i), i < 7 ? 49.0 : 48.0);
        }
        assertThat(Baseline.drift(steady, TODAY, Baseline.Bad.UP, 1.0).orElseThrow().flagged()).isFalse();
        assertThat(Baseline.drift(steady, TODAY, Baseline.Bad.UP, 0.1).orElseThrow().flagged()).isTrue();
    }

    @Test
    void tooFewValuesSayNothing() {
        assertThat(Baseline.drift(Map.of(TODAY, 60.0), TODAY, Baseline.Bad.UP, 1.0)).isEmpty();
    }
}
