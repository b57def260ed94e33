package com.podium.trainingpeaks.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Single entry point: one place decides the order count, delay, outage, injected failure, real handling,
 * which is what tests rely on (e.g. a delayed call is already counted).
 */
final class Router implements HttpHandler {

    private static final int MAX_RECORDED = 1000;
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    private final Knobs knobs;
    private final Counters counters;
    private final AuthorizeHandler authorize;
    private final TokenHandler token;
    private final DeauthorizeHandler deauthorize;
    private final ApiHandler api;
    private final AdminHandler admin;
    private final java.util.Deque<RecordedRequest> recorded = new java.util.ArrayDeque<>();

    Router(Knobs knobs, Counters counters, AuthorizeHandler authorize, TokenHandler token,
           DeauthorizeHandler deauthorize, ApiHandler api, AdminHandler admin) {
        this.knobs = knobs;
        this.counters = counters;
        this.authorize = authorize;
        this.token = token;
        this.deauthorize = deauthorize;
        this.api = api;
        this.admin = admin;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Request request = new Request(exchange);
        try {
            route(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // server is closing during a delay
        } catch (Exception e) {
            // Class name only: messages from deeper layers are not ours to vouch for.
            LOG.log(System.Logger.Level.WARNING, "{0} {1} failed: {2}", request.method(), request.path(),
                    e.getClass().getName());
            sendServerError(exchange);
        } finally {
            // Path only, never the query (it carries codes and state) nor headers (they carry tokens).
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} -> {2}", request.method(), request.path(),
                    exchange.getResponseCode());
            exchange.close();
        }
    }

    private void route(Request request) throws IOException, InterruptedException {
        String path = request.path().toLowerCase(Locale.ROOT);
        boolean post = request.method().equals("POST");
        if (path.startsWith(AdminHandler.PREFIX)) {
            admin.handle(request); // never affected by outage, or the demo could not switch it off
            return;
        }
        record(request);
        if (path.equals("/oauth/token") && post) {
            token.arrive(request);
            counters.tokenMaxInFlight.accumulateAndGet(counters.tokenInFlight.incrementAndGet(), Math::max);
            try {
                sleep(knobs.tokenDelay);
                if (!failed(request, knobs.tokenFailures, false)) {
                    token.handle(request);
                }
            } finally {
                counters.tokenInFlight.decrementAndGet();
            }
        } else if (path.equals("/oauth/deauthorize") && post) {
            counters.deauthorize.incrementAndGet();
            if (!failed(request, null, false)) {
                deauthorize.handle(request);
            }
        } else if (path.equals("/oauth/authorize") || path.equals("/oauth/authorize/decision")) {
            counters.authorize.incrementAndGet();
            if (!failed(request, null, false)) {
                authorize.handle(request, path.endsWith("/decision"));
            }
        } else if (ApiHandler.isApiPath(path)) {
            counters.api.incrementAndGet();
            sleep(knobs.apiDelay);
            if (!failed(request, knobs.apiFailures, true)) {
                api.handle(request);
            }
        } else if (path.equals("/oauth/token") || path.equals("/oauth/deauthorize")) {
            Responses.json(request.exchange(), 405, Map.of("error", "method_not_allowed"));
        } else {
            Responses.htmlNotFound(request.exchange()); // unknown routes answer HTML (S4 guide)
        }
    }

    private void record(Request request) {
        synchronized (recorded) {
            if (recorded.size() == MAX_RECORDED) {
                recorded.removeFirst();
            }
            recorded.addLast(new RecordedRequest(request.method(), request.path(), request.header("User-Agent")));
        }
    }

    /** Requests to OAuth and API paths since the last counter reset (at most the latest 1000), oldest first. */
    java.util.List<RecordedRequest> recordedRequests() {
        synchronized (recorded) {
            return java.util.List.copyOf(recorded);
        }
    }

    void clearRecorded() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    /** An outage answers everything with HTML 502 and leaves armed failures for afterwards. */
    private boolean failed(Request request, FailureQueue armed, boolean apiCall) throws IOException {
        Failure failure = knobs.outage ? Failure.HTML_502 : armed == null ? null : armed.take();
        if (failure == null) {
            return false;
        }
        Long retryAfter = knobs.answerShape.retryAfterSeconds;
        if (armed == knobs.tokenFailures && retryAfter != null
                && (failure == Failure.SERVICE_UNAVAILABLE_503 || failure == Failure.TOO_MANY_REQUESTS_429)) {
            request.exchange().getResponseHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
        failure.respond(request.exchange(), apiCall);
        return true;
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }

    private static void sendServerError(HttpExchange exchange) {
        if (exchange.getResponseCode() != -1) {
            return; // headers already out; closing the exchange is all that is left
        }
        try {
            Responses.json(exchange, 500, Map.of("error", "server_error"));
        } catch (IOException ignored) {
            // the client is gone
        }
    }
}
