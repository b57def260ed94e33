package com.podium.connect.auth;

import java.util.regex.Pattern;

/**
 * The one rule for Podium account ids, wherever one arrives (sign-in, URL, form, state row, log line): 1 to 64
 * letters, digits, dots, underscores or hyphens. Anything else (spaces, slashes, markup, NUL bytes) is refused.
 */
public final class AccountIds {

    /** What a person is told when an id breaks the rule. */
    public static final String RULE = "A Podium account id is 1 to 64 letters, digits, dots, underscores or hyphens.";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private AccountIds() {
    }

    public static boolean isValid(String accountId) {
        return accountId != null && VALID.matcher(accountId).matches();
    }
}
