package com.podium.connect.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser, as far as the server can tell: its own cookies (session, CSRF, the OAuth browser binding), redirects
 * followed by hand so each hop is visible, Spring Security's form sign-in with the CSRF token of the page's form.
 */
final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /**
     * One timed page load: status, time to the response headers, time to the whole body, and the body. A load given
     * up on after its timeout has status 0 and the timeout as its times.
     */
    record Load(int status, long firstByteNanos, long fullNanos, String body) {

        boolean gaveUp() {
            return status == 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final URI app;

    WebSession(URI app) {
        this.app = app;
    }

    /** Signs in as a demo user (password "demo") through the sign-in form. */
    static WebSession signIn(URI app, String user) throws IOException, InterruptedException {
        WebSession session = new WebSession(app);
        String form = session.get("/signin").body();
        HttpResponse<String> answer = session.post("/signin",
                Map.of("username", user, "password", "demo", "_csrf", csrf(form)));
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " failed: HTTP " + answer.statusCode());
        }
        return session;
    }

    /**
     * Connects TrainingPeaks as the signed-in account through the stand-in's consent (auto-approve on), and returns
     * the path the callback sends the user to. {@code beforeCallback} and {@code afterCallback} run at those
     * moments (e.g. to make TrainingPeaks slow before we hear back from it).
     */
    String connect(Runnable beforeCallback, Runnable afterCallback) throws IOException, InterruptedException {
        String page = get("/connect").body();
        HttpResponse<String> start = post("/connect/start", Map.of("_csrf", csrf(page)));
        URI authorize = location(start, 303);
        HttpResponse<String> approved = send(HttpRequest.newBuilder(authorize).GET().build());
        URI callback = location(approved, 302);
        beforeCallback.run();
        HttpResponse<String> done = send(HttpRequest.newBuilder(callback).GET().build());
        URI landing = location(done, 303);
        afterCallback.run();
        return landing.getPath();
    }

    /** A GET of one of our pages, timed: first byte when the headers are in, full when the body is. */
    Load load(String path, Duration timeout) throws IOException, InterruptedException {
        long[] headersAt = new long[1];
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(app.resolve(path)).timeout(timeout).GET()
            .build(), info -> {
                headersAt[0] = System.nanoTime();
                return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
            });
        }
        catch (HttpTimeoutException gaveUp) {
            return new Load(0, timeout.toNanos(), timeout.toNanos(), "");
        }
        long end = System.nanoTime();
        return new Load(response.statusCode(), headersAt[0] - start, end - start, response.body());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(app.resolve(path)).GET().build());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(app.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri().getPath() + " answered HTTP " + response.statusCode()
                    + " instead of " + status);
        }
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return token.group(1);
    }
}
