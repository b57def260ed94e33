package com.podium.connect.auth.web;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.ResponseCookie;

import com.podium.connect.auth.flow.Secrets;

/**
 * The cookie that ties a {@code state} to the browser that started the flow: a random id, HttpOnly and
 * SameSite=Lax (sent on TrainingPeaks' top-level redirect back to us, not on cross-site sub-requests or POSTs).
 * Forms are protected by Spring Security's CSRF token, not by this cookie.
 */
final class BrowserBinding {

    static final String COOKIE = "podium_oauth_browser";

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Duration LIFETIME = Duration.ofDays(1);

    private BrowserBinding() {
    }

    /** The cookie's value when it is one we could have issued. */
    static Optional<String> parse(String cookieValue) {
        return Optional.ofNullable(cookieValue).filter(value -> FORMAT.matcher(value).matches());
    }

    static String newId() {
        return Secrets.randomUrlSafe();
    }

    static ResponseCookie cookie(String id, boolean secure) {
        return ResponseCookie.from(COOKIE, id).httpOnly(true).sameSite("Lax").secure(secure).path("/")
            .maxAge(LIFETIME).build();
    }
}
