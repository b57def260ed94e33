package com.podium.connect.dashboard;

import java.time.Instant;
import java.util.function.Supplier;

import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.TrainingPeaksApiException;

/**
 * One part of a page: its data (fresh, or the last good answer when TrainingPeaks is slow or failing, with the time
 * it was read), or why it is missing in words a coach understands. Never holds an exception or an internal code,
 * so nothing of the kind can reach the page.
 *
 * @param asOf when the data was read from TrainingPeaks
 * @param stale the data is the last good answer; {@code problem} says why there is no newer one
 */
public record Section<T>(T data, String problem, boolean needsReauthorization, Instant asOf, boolean stale) {

    static final String SLOW = "TrainingPeaks is slow right now, so this is what it said last.";
    static final String LOADING = "Still loading from TrainingPeaks. Reload in a moment.";

    static <T> Section<T> fresh(T data, Instant asOf) {
        return new Section<>(data, null, false, asOf, false);
    }

    static <T> Section<T> stale(T data, Instant asOf, String why) {
        return new Section<>(data, why, false, asOf, true);
    }

    static <T> Section<T> failed(String problem, boolean needsReauthorization) {
        return new Section<>(null, problem, needsReauthorization, null, false);
    }

    /** Loads now, in the caller's thread. */
    static <T> Section<T> load(Supplier<T> loader) {
        try {
            return fresh(loader.get(), Instant.now());
        }
        catch (RuntimeException e) {
            return failure(e);
        }
    }

    static <T> Section<T> failure(Throwable e) {
        if (e instanceof ReauthorizationRequiredException) {
            return failed("TrainingPeaks needs to be connected again.", true);
        }
        if (e instanceof TrainingPeaksApiException api) {
            return failed(describe(api), false);
        }
        return failed("This part could not be loaded. Please try again in a minute.", false);
    }

    private static String describe(TrainingPeaksApiException e) {
        Integer status = e.httpStatus();
        if (status != null && (status == 401 || status == 403)) {
            return "TrainingPeaks does not share this part with Podium.";
        }
        if (status != null && status == 404) {
            return "TrainingPeaks has nothing here.";
        }
        return "TrainingPeaks is not answering right now. Please try again in a minute.";
    }

    /** There is data to show (perhaps stale). */
    public boolean ok() {
        return data != null;
    }
}
