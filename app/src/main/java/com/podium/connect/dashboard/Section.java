package com.podium.connect.dashboard;

import java.util.function.Supplier;

import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.TrainingPeaksApiException;

/**
 * One part of the page: the data, or why it is missing in words a coach understands. Never holds an exception, so
 * nothing can render a stack trace.
 */
record Section<T>(T data, String problem, boolean needsReauthorization) {

    static <T> Section<T> load(Supplier<T> loader) {
        try {
            return new Section<>(loader.get(), null, false);
        }
        catch (ReauthorizationRequiredException e) {
            return new Section<>(null, "TrainingPeaks needs to be re-authorized (" + e.reason() + ").", true);
        }
        catch (TrainingPeaksApiException e) {
            return new Section<>(null, describe(e), false);
        }
        catch (RuntimeException e) {
            return new Section<>(null, "Something went wrong while loading this part ("
                    + e.getClass().getSimpleName() + "). Please try again in a minute.", false);
        }
    }

    private static String describe(TrainingPeaksApiException e) {
        StringBuilder text = new StringBuilder("TrainingPeaks could not answer right now");
        if (e.httpStatus() != null) {
            text.append(" (HTTP ").append(e.httpStatus());
            if (e.errorCode() != null) {
                text.append(", ").append(e.errorCode());
            }
            text.append(')');
        }
        else if (e.errorCode() != null) {
            text.append(" (").append(e.errorCode()).append(')');
        }
        text.append(e.retryable() ? ". Please try again in a minute." : ".");
        return text.toString();
    }

    boolean ok() {
        return problem == null;
    }
}
