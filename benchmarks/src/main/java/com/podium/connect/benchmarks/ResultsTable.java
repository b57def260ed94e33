package com.podium.connect.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prints the results of one {@code benchmarks/run} as the Markdown tables the README shows: the hot read, the herd
 * the background refresher and the page loads, each with its ratio or target. Reads {@code jmh.json},
 * {@code herd.json}, {@code refresher.json}, {@code pages.json} and {@code machine.txt} from the results directory; a
 * missing file leaves its table out.
 */
public final class ResultsTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "target/benchmark-results");
        StringBuilder out = new StringBuilder();
        if (Files.exists(results.resolve("machine.txt"))) {
            out.append(Files.readString(results.resolve("machine.txt")).strip()).append("\n\n");
        }
        if (Files.exists(results.resolve("jmh.json"))) {
            hotRead(JSON.readTree(results.resolve("jmh.json").toFile()), out);
        }
        if (Files.exists(results.resolve("herd.json"))) {
            herd(JSON.readTree(results.resolve("herd.json").toFile()), out);
        }
        if (Files.exists(results.resolve("refresher.json"))) {
            refresher(JSON.readTree(results.resolve("refresher.json").toFile()), out);
        }
        if (Files.exists(results.resolve("pages.json"))) {
            pages(JSON.readTree(results.resolve("pages.json").toFile()), out);
        }
        System.out.print(out);
    }

    private static void hotRead(JsonNode jmh, StringBuilder out) {
        // threads -> contender -> [score, error]
        Map<Integer, Map<String, double[]>> scores = new TreeMap<>();
        for (JsonNode run : jmh) {
            if (!run.path("benchmark").asText().contains("TokenReadBenchmark")) {
                continue;
            }
            JsonNode metric = run.path("primaryMetric");
            scores.computeIfAbsent(run.path("threads").asInt(), t -> new TreeMap<>())
                .put(run.path("params").path("contender").asText(),
                        new double[] { metric.path("score").asDouble(), metric.path("scoreError").asDouble() });
        }
        out.append("Hot read: `getToken` of a token that is not due, reads/ms (higher is better, ± 99.9 % CI)\n\n");
        out.append("| Threads | Podium (cache) | Podium (database read) | Spring Security | Floor (PK select + AES-GCM) | Podium / Spring Security | Podium database read / Spring Security | Podium database read / floor |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        scores.forEach((threads, byContender) -> {
            double[] podium = byContender.get("podium");
            double[] database = byContender.get("podiumDatabase");
            double[] spring = byContender.get("springSecurity");
            double[] floor = byContender.get("floor");
            out.append("| ").append(threads).append(" | ").append(score(podium)).append(" | ").append(score(database))
                .append(" | ").append(score(spring)).append(" | ").append(score(floor)).append(" | ")
                .append(ratio(podium, spring)).append(" | ").append(ratio(database, spring)).append(" | ")
                .append(ratio(database, floor)).append(" |\n");
        });
        out.append('\n');
    }

    private static void herd(JsonNode herds, StringBuilder out) {
        int callers = herds.path(0).path("callers").asInt();
        int rounds = herds.path(0).path("herds").size();
        out.append(String.format(Locale.ROOT,
                "Thundering herd: %,d concurrent callers for one due token, %d herds per row; min–max over the herds%n%n",
                callers, rounds));
        out.append("| Instances, rotation, token | Token calls: Podium | Spring Security | Callers served: Podium | Spring Security | Grant kept: Podium | Spring Security |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        List<JsonNode> podium = new ArrayList<>();
        herds.forEach(row -> {
            if (row.path("contender").asText().equals("podium")) {
                podium.add(row);
            }
        });
        podium.sort(Comparator.comparing((JsonNode row) -> row.path("expired").asBoolean())
            .thenComparing(row -> !row.path("rotation").asBoolean())
            .thenComparing(row -> row.path("instances").asInt()));
        for (JsonNode ours : podium) {
            JsonNode theirs = null;
            for (JsonNode row : herds) {
                if (row.path("contender").asText().equals("springSecurity")
                        && row.path("instances").equals(ours.path("instances"))
                        && row.path("rotation").equals(ours.path("rotation"))
                        && row.path("expired").equals(ours.path("expired"))) {
                    theirs = row;
                }
            }
            out.append("| ").append(ours.path("instances").asInt()).append(", rotation ")
                .append(ours.path("rotation").asBoolean() ? "on" : "off").append(", ")
                .append(ours.path("expired").asBoolean() ? "expired" : "expiring").append(" | ")
                .append(range(ours, "tokenCalls")).append(" | ").append(range(theirs, "tokenCalls")).append(" | ")
                .append(range(ours, "served")).append(" | ").append(range(theirs, "served")).append(" | ")
                .append(kept(ours)).append(" | ").append(kept(theirs)).append(" |\n");
        }
        out.append('\n');
    }

    private static void refresher(JsonNode run, StringBuilder out) {
        int backlog = run.path("backlog").asInt();
        double seconds = run.path("seconds").asDouble();
        double rate = run.path("refreshesPerSecond").asDouble();
        out.append(String.format(Locale.ROOT,
                "Background refresher: one instance, default settings, provider answering in %d ms%n%n",
                run.path("providerDelayMillis").asInt()));
        out.append("| Run | Measured | Target (2 cores) |\n|---|---|---|\n");
        String cleared = run.path("cleared").asBoolean()
                ? String.format(Locale.ROOT, "cleared in %.0f s", seconds)
                : String.format(Locale.ROOT, "%,d refreshed when stopped at %.0f s; at that rate ~%,.0f s", run
                    .path("refreshed").asInt(), seconds, rate > 0 ? backlog / rate : Double.POSITIVE_INFINITY);
        out.append(String.format(Locale.ROOT, "| Backlog of %,d due tokens | %s | < 60 s |%n", backlog, cleared));
        out.append(String.format(Locale.ROOT, "| Sustained refresh rate | %.1f refreshes/s | ≥ 180 refreshes/s |%n", rate));
        out.append('\n');
    }

    /** {@link PageLoadRun}: cold and warm page loads per stand-in mode, the naive controller beside them. */
    private static void pages(JsonNode run, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "Pages: time to first byte / to the full HTML in ms, %d sessions per "
                + "account loading at once, %d loads each; API answer cache off (every load asks TrainingPeaks); "
                + "page budget %s; naive controller (p50 / max) given up on after %d s%n%n", run.path("users").asInt(),
                run.path("loadsPerUser").asInt(), run.path("pageBudget").asText(),
                run.path("naiveTimeoutSeconds").asInt()));
        out.append("| TrainingPeaks | Page | Cold: first byte / full | Warm loads | First byte p50 / p95 / p99 / max "
                + "| Full HTML p50 / p95 / p99 / max | The pages showed | Naive synchronous controller | Target < 1 s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        String slow = "slow (" + run.path("slowAnswerSeconds").asInt() + " s)";
        for (JsonNode row : run.path("rows")) {
            String mode = row.path("mode").asText();
            double cold = row.path("coldFullMillis").asDouble();
            double p99 = row.path("fullMillis").path("p99").asDouble();
            StringBuilder showed = new StringBuilder();
            row.path("showed").fields().forEachRemaining(kind -> showed.append(showed.isEmpty() ? "" : ", ")
                .append(kind.getValue().asInt()).append(' ').append(kind.getKey()));
            out.append("| ").append(mode.equals("slow") ? slow : mode).append(" | ").append(row.path("page").asText())
                .append(String.format(Locale.ROOT, " | %.0f / %.0f (%s)", row.path("coldFirstByteMillis").asDouble(),
                        cold, row.path("coldShowed").asText()))
                .append(" | ").append(row.path("loads").asInt())
                .append(" | ").append(quartet(row.path("firstByteMillis")))
                .append(" | ").append(quartet(row.path("fullMillis")))
                .append(" | ").append(showed)
                .append(" | ").append(naive(row, run.path("naiveTimeoutSeconds").asInt()))
                .append(" | ").append(cold < 1000 && p99 < 1000 ? "yes" : "no (cold or p99 ≥ 1 s)").append(" |\n");
        }
        out.append('\n');
    }

    private static String quartet(JsonNode p) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f", p.path("p50").asDouble(), p.path("p95")
            .asDouble(), p.path("p99").asDouble(), p.path("max").asDouble());
    }

    /** The naive controller's loads: full HTML p50 / max, and how many were error pages or given up on. */
    private static String naive(JsonNode row, int timeoutSeconds) {
        int loads = row.path("naiveLoads").asInt();
        int errors = row.path("naiveErrorPages").asInt();
        int gaveUp = row.path("naiveGaveUp").asInt();
        JsonNode full = row.path("naiveFullMillis");
        String times = gaveUp > 0 ? "> " + timeoutSeconds + " s"
                : String.format(Locale.ROOT, "%.0f / %.0f", full.path("p50").asDouble(), full.path("max").asDouble());
        List<String> notes = new ArrayList<>();
        if (gaveUp > 0) {
            notes.add(gaveUp + " of " + loads + " given up on");
        }
        if (errors > 0) {
            notes.add(errors + " of " + loads + " error pages");
        }
        return times + (notes.isEmpty() ? " (" + loads + " loads)" : " (" + String.join(", ", notes) + ")");
    }

    private static String score(double[] score) {
        return score == null ? "–" : String.format(Locale.ROOT, "%.2f ± %.2f", score[0], score[1]);
    }

    private static String ratio(double[] a, double[] b) {
        return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f×", a[0] / b[0]);
    }

    private static String range(JsonNode row, String field) {
        if (row == null) {
            return "–";
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (JsonNode herd : row.path("herds")) {
            min = Math.min(min, herd.path(field).asInt());
            max = Math.max(max, herd.path(field).asInt());
        }
        return min == max ? String.valueOf(min) : min + "–" + max;
    }

    private static String kept(JsonNode row) {
        if (row == null) {
            return "–";
        }
        int kept = 0;
        for (JsonNode herd : row.path("herds")) {
            kept += herd.path("grantSurvived").asBoolean() ? 1 : 0;
        }
        return kept + " of " + row.path("herds").size();
    }

    private ResultsTable() {
    }
}
