package com.podium.connect.dashboard;

import java.util.function.Supplier;

import com.podium.connect.apiclient.PremiumRequiredException;
import com.podium.connect.apiclient.ReauthorizationRequiredException;
import com.podium.connect.apiclient.TrainingPeaksApiException;

/**
 * One part of the page: the data, or why it is missing in words a coach understands. Never holds an exception, so
 * nothing can render a stack trace.
 *
 * @param premiumOnly the data is a TrainingPeaks Premium feature and the athlete has a basic account: not an error,
 *        {@code problem} then holds the note to show
 */
record Section<T>(T data, String problem, boolean needsReauthorization, boolean premiumOnly) {

    static final String PREMIUM_ONLY = "Premium only: TrainingPeaks shares these with apps for Premium athletes only.";

    static <T> Section<T> load(Supplier<T> loader) {
        try {
            return new Section<>(loader.get(), null, false, false);
        }
        catch (ReauthorizationRequiredException e) {
            return new Section<>(null, "TrainingPeaks needs to be re-authorized (" + e.reason() + ").", true, false);
        }
        catch (PremiumRequiredException e) {
            return premiumOnlyNote();
        }
        catch (TrainingPeaksApiException e) {
            return new Section<>(null, describe(e), false, false);
        }
        catch (RuntimeException e) {
            return new Section<>(null, "Something went wrong while loading this part ("
                    + e.getClass().getSimpleName() + "). Please try again in a minute.", false, false);
        }
    }

    /** For a basic athlete's premium-only data, known from {@code IsPremium} without asking. */
    static <T> Section<T> premiumOnlyNote() {
        return new Section<>(null, PREMIUM_ONLY, false, true);
    }

    /** The loaded data transformed (e.g. metrics entries to days); problems are kept as they are. */
    <R> Section<R> map(java.util.function.Function<T, R> mapper) {
        return ok() ? new Section<>(mapper.apply(data), null, false, false)
                : new Section<>(null, problem, needsReauthorization, premiumOnly);
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
