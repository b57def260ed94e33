package com.podium.connect.auth.flow;

import java.util.regex.Pattern;

/** Podium account ids as they may appear in a URL, a form, a log line and the token table. */
public final class AthleteIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private AthleteIds() {
    }

    public static boolean isValid(String athleteId) {
        return athleteId != null && VALID.matcher(athleteId).matches();
    }
}
