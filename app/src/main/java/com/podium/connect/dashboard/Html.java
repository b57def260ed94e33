package com.podium.connect.dashboard;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/** Escaping in one place: every value that reaches the page goes through {@link #text}. */
final class Html {

    private Html() {
    }

    static String text(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(String.valueOf(value));
    }

    /** The auth module's connect page for the athlete, escaped for an attribute. */
    static String connectLink(String athleteId) {
        return text(UriComponentsBuilder.fromPath("/connect").queryParam("athleteId", athleteId).encode().build()
            .toUriString());
    }
}
