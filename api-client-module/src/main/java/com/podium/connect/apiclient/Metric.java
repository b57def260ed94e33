package com.podium.connect.apiclient;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /v2/metrics/...} (wiki v2-Metrics-Get-Athlete-Metrics): a flat object with one key per
 * measured value, present only when measured; several entries a day are normal. Every value key is kept in
 * {@link #values()}, including ones this class has no accessor for (TrainingPeaks adds keys over time).
 *
 * @param metricId a GUID string
 * @param dateTime local, without zone, to the minute
 * @param uploadClient who uploaded it (a device service or app)
 * @param values every other key as sent: numbers, or strings such as {@code Stress: "Low"}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metric(
        @JsonProperty("MetricId") String metricId,
        @JsonProperty("AthleteId") Long athleteId,
        @JsonProperty("DateTime") LocalDateTime dateTime,
        @JsonProperty("UploadClient") String uploadClient,
        @JsonAnySetter Map<String, Object> values) {

    public Metric {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Resting heart rate, bpm: TrainingPeaks' {@code Pulse}. */
    public Optional<Double> restingHeartRate() {
        return number("Pulse");
    }

    /** HRV, sent as {@code Hrv} (seen live) or {@code HRV} (the wiki's example). */
    public Optional<Double> hrv() {
        return number("Hrv");
    }

    public Optional<Double> weightInKilograms() {
        return number("WeightInKilograms");
    }

    public Optional<Double> sleepHours() {
        return number("SleepHours");
    }

    /** A numeric value by key, case-insensitively; numeric strings count, other strings and absent keys do not. */
    public Optional<Double> number(String key) {
        return raw(key).flatMap(value -> {
            if (value instanceof Number n) {
                return Optional.of(n.doubleValue());
            }
            try {
                return Optional.of(Double.parseDouble(value.toString().trim()));
            }
            catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A value as text by key, case-insensitively (e.g. {@code Stress}, {@code SleepQuality}). */
    public Optional<String> text(String key) {
        return raw(key).map(Object::toString);
    }

    private Optional<Object> raw(String key) {
        Object exact = values.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        return values.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(key) && e.getValue() != null)
            .map(Map.Entry::getValue)
            .findFirst();
    }
}
