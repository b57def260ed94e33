package com.podium.connect.dashboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AcuteChronicTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    static Map<LocalDate, Double> load(double first21Days, double last7Days) {
        Map<LocalDate, Double> tss = new HashMap<>();
        for (int i = 0; i < 28; i++) {
            tss.put(TODAY.minusDays(i), i < 7 ? last7Days : first21Days);
        }
        return tss;
    }

    @Test
    void steadyLoadIsOne() {
        assertThat(AcuteChronic.ratio(load(50, 50), TODAY)).hasValueSatisfying(r -> assertThat(r).isCloseTo(1.0, within(1e-9)));
        assertThat(AcuteChronic.flagged(AcuteChronic.ratio(load(50, 50), TODAY))).isFalse();
    }

    @Test
    void aSuddenlyHardWeekIsFlagged() {
        // acute 120/day; chronic (21*40 + 7*120)/28 = 60/day: ratio 2
        Optional<Double> ratio = AcuteChronic.ratio(load(40, 120), TODAY);

        assertThat(ratio).hasValueSatisfying(r -> assertThat(r).isCloseTo(2.0, within(1e-9)));
        assertThat(AcuteChronic.flagged(ratio)).isTrue();
    }

    @Test
    void exactlyTheThresholdIsNotFlaggedAndNoLoadHasNoRatio() {
        // acute a, chronic (21c + 7a)/28; a/chronic = 1.5 when a = 2.25c... choose c = 40, a = 90: chronic = 52.5
        Optional<Double> ratio = AcuteChronic.ratio(load(40, 90), TODAY);
        assertThat(ratio).hasValueSatisfying(r -> assertThat(r).isCloseTo(90 / 52.5, within(1e-9)));
        assertThat(AcuteChronic.flagged(Optional.of(1.5))).isFalse();
        assertThat(AcuteChronic.ratio(Map.of(), TODAY)).isEmpty();
        assertThat(AcuteChronic.ratio(Map.of(TODAY.minusDays(28), 100.0), TODAY)).as("outside the 28 days").isEmpty();
    }
}
