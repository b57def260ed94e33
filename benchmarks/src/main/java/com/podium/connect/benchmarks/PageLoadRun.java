package com.podium.connect.benchmarks;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * Issue 9's target, measured: first paint of the athlete page and the coach page under 1 s with TrainingPeaks
 * answering normally, in 16 s, or not at all. One instance of the real application with its web server on the real
 * PostgreSQL and Kafka, the stand-in as TrainingPeaks; everything over HTTP as a browser does it: the demo athlete
 * and coach sign in (form login, CSRF), connect through the stand-in's consent, then load their page.
 * <p>
 * Per stand-in mode, in this order: <b>normal</b>; <b>slow</b> (every API answer after 16 s, the {@code apiDelay}
 * knob; the token endpoint stays quick); <b>down</b> (every OAuth and API call answers the HTML 502 of the
 * {@code outage} knob). In each mode both accounts connect again and the first load after the callback is the
 * <i>cold</i> load; then {@code users} sessions per account load their page {@code loads} times each, athlete and
 * coach at once (<i>warm</i>). Slow starts before the callback, down right after it (TrainingPeaks' token endpoint
 * must answer for the connect). The API client's answer cache is off ({@code podium.api.cache-ttl=0s}), so every
 * load asks TrainingPeaks: the worst case. Each load's page is classified by what it showed: fresh data, the last
 * good data with its "as of" time, "still loading", or only a problem.
 * <p>
 * Comparison point: {@link NaivePages}, the same TrainingPeaks reads in a plain synchronous controller, loaded by the
 * same sessions at once, {@value #NAIVE_LOADS} times each per mode; a load is given up on after {@code naiveTimeout}
 * (its request goes on in the server).
 * <p>
 * Arguments: {@code [resultsDir] [users] [loads] [naiveTimeoutSeconds]}, defaults
 * {@code target/benchmark-results 4 25 20}. Writes {@code pages.json}.
 */
public final class PageLoadRun {

    /** TrainingPeaks "answering in 16 s" (issue 9). */
    static final Duration SLOW_ANSWER = Duration.ofSeconds(16);
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    static final int NAIVE_LOADS = 3;

    enum Mode {
        NORMAL, SLOW, DOWN
    }

    record Page(String role, String path, String naivePath) {
    }

    static final List<Page> PAGES = List.of(new Page("athlete", "/dashboard/athlete", "/naive/athlete"),
            new Page("coach", "/coach", "/naive/coach"));

    private final TrainingPeaksStandIn standIn;
    private final URI app;
    private final int users;
    private final int loads;
    private final Duration naiveTimeout;
    private final ExecutorService pool;

    private PageLoadRun(TrainingPeaksStandIn standIn, URI app, int users, int loads, Duration naiveTimeout) {
        this.standIn = standIn;
        this.app = app;
        this.users = users;
        this.loads = loads;
        this.naiveTimeout = naiveTimeout;
        this.pool = Executors.newFixedThreadPool(users * PAGES.size());
    }

    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        Path results = Path.of(args.length > 0 ? args[0] : "target/benchmark-results");
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int loads = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Duration naiveTimeout = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 20);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        try (TrainingPeaksStandIn standIn = TrainingPeaksStandIn.start(0);
                PodiumInstances instances = new PodiumInstances(standIn)) {
            int port = freePort();
            URI app = URI.create("http://localhost:" + port + "/");
            // TrainingPeaks matches the one registered redirect URI exactly: register this server's.
            standIn.registerClient(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                    app.toString());
            ConfigurableApplicationContext context = instances.startServer(port, new Class<?>[0],
                    "--podium.security.demo-users=true", "--podium.api.cache-ttl=0s");
            System.out.printf("instance up after %.1f s%n", (System.nanoTime() - begin) / 1e9);
            result.put("pageBudget", pageBudget(context));
            PageLoadRun run = new PageLoadRun(standIn, app, users, loads, naiveTimeout);
            try {
                for (Mode mode : Mode.values()) {
                    rows.addAll(run.mode(mode));
                    System.out.printf("%s done after %.1f s%n", mode, (System.nanoTime() - begin) / 1e9);
                }
            }
            finally {
                run.pool.shutdownNow();
            }
        }
        result.put("users", users);
        result.put("loadsPerUser", loads);
        result.put("slowAnswerSeconds", SLOW_ANSWER.toSeconds());
        result.put("naiveTimeoutSeconds", naiveTimeout.toSeconds());
        result.put("seconds", (System.nanoTime() - begin) / 1e9);
        result.put("rows", rows);
        Files.createDirectories(results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(results.resolve("pages.json").toFile(), result);
        System.out.printf("done after %.1f s%n", (System.nanoTime() - begin) / 1e9);
        System.exit(0); // the in-process Kafka broker's threads would keep the JVM alive
    }

    private List<Map<String, Object>> mode(Mode mode) throws Exception {
        standIn.reset();
        // Cold: each account connects again; the first load of its page right after the callback.
        Map<String, WebSession.Load> cold = new LinkedHashMap<>();
        Map<String, List<WebSession>> sessions = new LinkedHashMap<>();
        for (Page page : PAGES) {
            WebSession first = WebSession.signIn(app, page.role());
            standIn.outage(false); // the connect needs TrainingPeaks' token endpoint
            String landing = first.connect(() -> apply(mode, Mode.SLOW), () -> apply(mode, Mode.DOWN));
            if (!landing.equals(page.path()) && !page.path().startsWith(landing)) {
                throw new IllegalStateException(page.role() + " landed on " + landing);
            }
            cold.put(page.role(), first.load(page.path(), PAGE_TIMEOUT));
            List<WebSession> mine = new ArrayList<>(List.of(first));
            for (int i = 1; i < users; i++) {
                mine.add(WebSession.signIn(app, page.role()));
            }
            sessions.put(page.role(), mine);
        }
        // Warm: every session of both accounts loads its page over and over, all at once.
        Map<String, List<WebSession.Load>> warm = everyone(sessions, Page::path, loads, PAGE_TIMEOUT);
        // The naive controller in the same way, a few loads; a session stops at its first load given up on.
        Map<String, List<WebSession.Load>> naive = everyone(sessions, Page::naivePath, NAIVE_LOADS, naiveTimeout);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Page page : PAGES) {
            rows.add(row(mode, page, cold.get(page.role()), warm.get(page.role()), naive.get(page.role())));
        }
        return rows;
    }

    /** Every session loads its account's page ({@code path}) {@code count} times; all sessions at once. */
    private Map<String, List<WebSession.Load>> everyone(Map<String, List<WebSession>> sessions,
            Function<Page, String> path, int count, Duration timeout) throws Exception {
        Map<String, List<WebSession.Load>> samples = new LinkedHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        for (Page page : PAGES) {
            List<WebSession.Load> mine = Collections.synchronizedList(new ArrayList<>());
            samples.put(page.role(), mine);
            for (WebSession session : sessions.get(page.role())) {
                running.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < count; i++) {
                        WebSession.Load load = session.load(path.apply(page), timeout);
                        mine.add(load);
                        if (load.gaveUp()) {
                            break;
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> future : running) {
            future.get();
        }
        return samples;
    }

    /** Switches the stand-in to {@code mode} when it is {@code moment}'s mode (see the class comment). */
    private void apply(Mode mode, Mode moment) {
        if (mode != moment) {
            return;
        }
        if (mode == Mode.SLOW) {
            standIn.apiDelay(SLOW_ANSWER);
        }
        else if (mode == Mode.DOWN) {
            standIn.outage(true);
        }
    }

    private static Map<String, Object> row(Mode mode, Page page, WebSession.Load cold, List<WebSession.Load> warm,
            List<WebSession.Load> naive) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mode", mode.name().toLowerCase());
        row.put("page", page.role());
        row.put("path", page.path());
        row.put("coldFirstByteMillis", millis(cold.firstByteNanos()));
        row.put("coldFullMillis", millis(cold.fullNanos()));
        row.put("coldShowed", Showed.of(cold).label);
        row.put("loads", warm.size());
        row.put("gaveUp", warm.stream().filter(WebSession.Load::gaveUp).count());
        row.put("firstByteMillis", percentiles(warm.stream().mapToLong(WebSession.Load::firstByteNanos).toArray()));
        row.put("fullMillis", percentiles(warm.stream().mapToLong(WebSession.Load::fullNanos).toArray()));
        Map<String, Integer> showed = new LinkedHashMap<>();
        for (Showed kind : Showed.values()) {
            int count = (int) warm.stream().filter(load -> Showed.of(load) == kind).count();
            if (count > 0) {
                showed.put(kind.label, count);
            }
        }
        row.put("showed", showed);
        row.put("statuses", warm.stream().map(WebSession.Load::status).distinct().sorted().toList());
        row.put("naiveLoads", naive.size());
        row.put("naiveErrorPages", naive.stream().filter(load -> !load.gaveUp() && load.status() != 200).count());
        row.put("naiveGaveUp", naive.stream().filter(WebSession.Load::gaveUp).count());
        row.put("naiveFullMillis", percentiles(naive.stream().mapToLong(WebSession.Load::fullNanos).toArray()));
        System.out.printf("%-6s %-7s cold %6.0f ms (%s)  warm n=%d first byte p50 %6.0f p99 %6.0f  full p50 %6.0f"
                + " p99 %6.0f max %6.0f ms  %s  naive %s%n", mode, page.role(), millis(cold.fullNanos()),
                Showed.of(cold).label, warm.size(), pct(row, "firstByteMillis", "p50"), pct(row, "firstByteMillis", "p99"),
                pct(row, "fullMillis", "p50"), pct(row, "fullMillis", "p99"), pct(row, "fullMillis", "max"), showed,
                row.get("naiveFullMillis"));
        return row;
    }

    /** What a page showed, from its visible wording (templates: dashboard.html, coach.html, Section). */
    enum Showed {
        GAVE_UP("given up on"), ERROR("an error page"), LOADING("still loading"), LAST_GOOD("last good data, as of"),
        PROBLEM("a problem note"), FRESH("fresh data");

        final String label;

        Showed(String label) {
            this.label = label;
        }

        static Showed of(WebSession.Load load) {
            String page = load.body();
            if (load.gaveUp()) {
                return GAVE_UP;
            }
            if (load.status() != 200) {
                return ERROR;
            }
            if (page.contains("Still loading from TrainingPeaks")) {
                return LOADING;
            }
            if (page.contains("As of ")) { // the stale mark; the page's footer says "Page as of"
                return LAST_GOOD;
            }
            if (page.contains("class=\"problem\"")) {
                return PROBLEM;
            }
            return FRESH;
        }
    }

    private static Map<String, Double> percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("p50", millis(percentile(sorted, 50)));
        p.put("p95", millis(percentile(sorted, 95)));
        p.put("p99", millis(percentile(sorted, 99)));
        p.put("max", millis(sorted[sorted.length - 1]));
        return p;
    }

    @SuppressWarnings("unchecked")
    private static double pct(Map<String, Object> row, String field, String which) {
        return ((Map<String, Double>) row.get(field)).get(which);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    /** The page budget the instance runs with (its default, unless set): the record is the dashboard's own. */
    private static String pageBudget(ConfigurableApplicationContext context) {
        for (Object properties : context.getBeansWithAnnotation(ConfigurationProperties.class).values()) {
            if (properties.getClass().getSimpleName().equals("DashboardProperties")) {
                try {
                    RecordComponent budget = Arrays.stream(properties.getClass().getRecordComponents())
                        .filter(c -> c.getName().equals("pageBudget")).findFirst().orElseThrow();
                    budget.getAccessor().setAccessible(true);
                    return ((Duration) budget.getAccessor().invoke(properties)).toMillis() + " ms";
                }
                catch (ReflectiveOperationException | RuntimeException e) {
                    return "?";
                }
            }
        }
        return "?";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
