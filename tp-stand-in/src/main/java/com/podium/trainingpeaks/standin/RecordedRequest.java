package com.podium.trainingpeaks.standin;

/**
 * One request to an OAuth or API path as the stand-in saw it: path only (never the query, which carries codes) and
 * the {@code User-Agent}, which TrainingPeaks requires on every API call as {@code <app or client id>/<version>}
 * and checks before production (S3 Home, S4).
 *
 * @param userAgent the header, or null when none was sent
 */
public record RecordedRequest(String method, String path, String userAgent) {
}
