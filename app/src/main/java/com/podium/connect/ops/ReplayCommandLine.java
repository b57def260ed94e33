package com.podium.connect.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;

/**
 * The {@code replay} command of the application jar:
 * {@code java -jar app.jar replay [--athlete=ID] [--from=ISO-8601 | --offset=N [--partition=P]] [--to-topic]}.
 * {@code PodiumConnectApplication.main} asks {@link #isReplay} to start without a web server.
 */
public final class ReplayCommandLine {

    public static final String COMMAND = "replay";

    static final String USAGE = "usage: replay [--athlete=ATHLETE_ID] [--from=2026-11-25T00:00:00Z | --offset=N "
            + "[--partition=P]] [--to-topic]";

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final Set<String> OPTIONS = Set.of("athlete", "from", "offset", "partition", "to-topic");

    private ReplayCommandLine() {
    }

    /** True when the first argument that is not an {@code --option} is {@code replay}. */
    public static boolean isReplay(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                return COMMAND.equals(arg);
            }
        }
        return false;
    }

    /**
     * Defaults for a replay run (lowest precedence, so {@code --name=value} still wins): no banner, only errors on
     * the console so stdout is just the JSON lines, and no Kafka listener joins its group, so a replay never
     * rebalances or moves a live consumer (the audit log included), and no background token refresh runs from a
     * short-lived ops process.
     */
    public static Map<String, Object> defaultProperties() {
        return Map.of(
                "spring.main.banner-mode", "off",
                "logging.threshold.console", "error",
                "spring.kafka.listener.auto-startup", "false",
                "podium.audit.auto-startup", "false",
                "podium.tokens.scheduler.enabled", "false");
    }

    static ReplayRequest parse(ApplicationArguments args) {
        List<String> extra = args.getNonOptionArgs().stream().skip(1).toList();
        if (!extra.isEmpty()) {
            throw new InvalidReplayRequestException("unexpected argument(s) " + extra);
        }
        for (String name : args.getOptionNames()) {
            // Names with a dot are Spring properties (--logging.threshold.console=info); others must be ours.
            if (!name.contains(".") && !OPTIONS.contains(name)) {
                throw new InvalidReplayRequestException("unknown option --" + name);
            }
        }
        String athlete = single(args, "athlete");
        if (args.containsOption("athlete") && (athlete == null || athlete.isBlank())) {
            throw new InvalidReplayRequestException("--athlete needs a value: --athlete=ATHLETE_ID");
        }
        String from = single(args, "from");
        String offset = single(args, "offset");
        String partition = single(args, "partition");
        ReplayTarget target = args.containsOption("to-topic") ? ReplayTarget.TOPIC : ReplayTarget.CONSOLE;
        return new ReplayRequest(athlete, from == null ? null : instant(from),
                offset == null ? null : number("offset", offset), partition == null ? null
                        : Math.toIntExact(number("partition", partition)), target);
    }

    /** ISO-8601 with an offset ({@code Z} or {@code +01:00}), not before 1970 (Kafka timestamps start there). */
    static Instant instant(String value) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new InvalidReplayRequestException(
                    "from must be an ISO-8601 date-time with offset, e.g. 2026-11-25T00:00:00Z");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw new InvalidReplayRequestException("from must be between " + Instant.EPOCH + " and " + LATEST);
        }
        return instant;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        }
        catch (NumberFormatException e) {
            throw new InvalidReplayRequestException(name + " must be a whole number");
        }
    }

    private static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidReplayRequestException("--" + name + " given more than once");
        }
        return values.get(0);
    }
}
