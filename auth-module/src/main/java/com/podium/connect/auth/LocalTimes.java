package com.podium.connect.auth;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as people read them: in their own time zone, to the minute, with the zone's short name. */
public final class LocalTimes {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz",
            Locale.ENGLISH);

    private LocalTimes() {
    }

    /** {@code Wed 25 Nov 2026, 19:14 GMT}; empty for no time. */
    public static String minute(Instant instant, ZoneId zone) {
        return instant == null ? "" : MINUTE.format(instant.atZone(zone));
    }

    /** The zone named {@code id}, or UTC when it is missing or unknown. */
    public static ZoneId zoneOrUtc(String id) {
        try {
            return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
        }
        catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
