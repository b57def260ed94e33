package com.podium.connect.token;

import java.util.Arrays;

/** One-shot commands of the token module, run as {@code java -jar app.jar <command>}. */
public final class TokenCommands {

    /** Re-encrypts every stored token under the active key (README, "Rotating the key"). */
    public static final String RE_ENCRYPT = "re-encrypt-tokens";

    private TokenCommands() {
    }

    /** Whether the first non-option argument names the re-encrypt command. */
    public static boolean isReEncrypt(String... args) {
        return Arrays.stream(args).filter(arg -> !arg.startsWith("--")).findFirst().map(RE_ENCRYPT::equals)
            .orElse(false);
    }
}
