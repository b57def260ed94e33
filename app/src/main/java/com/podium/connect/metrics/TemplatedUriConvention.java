package com.podium.connect.metrics;

import java.util.regex.Pattern;

import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.stereotype.Component;

import io.micrometer.common.KeyValue;

/**
 * {@code http.client.requests} (Boot's RestClient observation, used by the TrainingPeaks API client) with the
 * {@code uri} tag as a template: the client builds paths with dates and ids in them
 * ({@code /v2/workouts/2026-11-01/2026-11-14}), which would otherwise make a new time series per day and workout.
 */
@Component
class TemplatedUriConvention extends DefaultClientRequestObservationConvention {

    private static final Pattern DATE = Pattern.compile("/\\d{4}-\\d{2}-\\d{2}(?=/|$)");
    private static final Pattern NUMBER = Pattern.compile("/\\d+(?=/|$)");

    @Override
    protected KeyValue uri(ClientRequestObservationContext context) {
        KeyValue uri = super.uri(context);
        return KeyValue.of(uri.getKey(), template(uri.getValue()));
    }

    static String template(String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return NUMBER.matcher(DATE.matcher(withoutQuery).replaceAll("/{date}")).replaceAll("/{id}");
    }
}
