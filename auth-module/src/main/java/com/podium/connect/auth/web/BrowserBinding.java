package com.podium.connect.auth.web;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.ResponseCookie;

import com.podium.connect.auth.flow.Secrets;

/**
 * The cookie that ties a {@code state} to the browser that started the flow, and the connect page's forms to the
 * browser that loaded it: a random id, HttpOnly and SameSite=Lax (sent on TrainingPeaks' top-level redirect back
 * to us, not on cross-site sub-requests or POSTs).
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

    /**
     * The form token for this browser (double submit): pages embed it, POSTs must send it back. A cross-site form
     * carries neither the SameSite=Lax cookie nor the token, so it cannot start a flow or disconnect anyone.
     */
    static String formToken(String id) {
        return Secrets.sha256Hex("form:" + id);
    }

    /** Whether {@code token} is this browser's form token. */
    static boolean acceptsFormToken(Optional<String> id, String token) {
        return id.isPresent() && token != null && Secrets.constantTimeEquals(formToken(id.get()), token);
    }

    static ResponseCookie cookie(String id, boolean secure) {
        return ResponseCookie.from(COOKIE, id).httpOnly(true).sameSite("Lax").secure(secure).path("/")
            .maxAge(LIFETIME).build();
    }
}
