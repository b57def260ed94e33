package com.podium.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Dates and ids in API paths become placeholders, so the uri tag stays a handful of values. */
class TemplatedUriConventionTest {

    @Test
    void datesAndIdsBecomePlaceholders() {
        assertThat(TemplatedUriConvention.template("/v2/workouts/2026-11-01/2026-11-14"))
            .isEqualTo("/v2/workouts/{date}/{date}");
        assertThat(TemplatedUriConvention.template("/v2/workouts/id/123456")).isEqualTo("/v2/workouts/id/{id}");
        assertThat(TemplatedUriConvention.template("/v1/athlete/profile?x=1")).isEqualTo("/v1/athlete/profile");
        assertThat(TemplatedUriConvention.template("/v2/metrics/2026-11-01/2026-11-14"))
            .isEqualTo("/v2/metrics/{date}/{date}");
    }
}
