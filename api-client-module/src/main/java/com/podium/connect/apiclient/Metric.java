package com.podium.connect.apiclient;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One metrics entry of {@code GET /v2/metrics/{start}/{end}}: typed values recorded at one time, e.g.
 * {@code RestingHeartRate}, {@code WeightInKilograms}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metric(
        @JsonProperty("Id") long id,
        @JsonProperty("AthleteId") long athleteId,
        @JsonProperty("Timestamp") LocalDateTime timestamp,
        @JsonProperty("Details") List<Detail> details) {

    public Metric {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** The value recorded for {@code type}, if any. */
    public Optional<Double> value(String type) {
        return details.stream().filter(d -> type.equals(d.type())).map(Detail::value).findFirst();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(@JsonProperty("Type") String type, @JsonProperty("Value") Double value) {
    }
}
