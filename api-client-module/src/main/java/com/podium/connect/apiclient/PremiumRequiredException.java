package com.podium.connect.apiclient;

/**
 * TrainingPeaks refused premium-only data (metrics, workout details) because the athlete has a basic account: a 403
 * that no retry, refresh or re-authorization will change. The UI should say "premium only", not show an error.
 */
public class PremiumRequiredException extends TrainingPeaksApiException {

    public PremiumRequiredException(String athleteId, String path, String bodySnippet, Throwable cause) {
        super(athleteId, path, 403, "premium_required", bodySnippet, false, null, cause);
    }
}
