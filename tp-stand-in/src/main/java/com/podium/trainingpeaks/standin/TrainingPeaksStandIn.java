package com.podium.trainingpeaks.standin;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the TrainingPeaks OAuth 2.0 server and API on one loopback port, so the app can be pointed at it
 * with TP_AUTH_BASE = TP_API_BASE = {@link #baseUri()}. Knob methods are thread-safe and return {@code this}.
 */
public final class TrainingPeaksStandIn implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "podium-demo-client";
    public static final String DEFAULT_CLIENT_SECRET = "podium-demo-secret";
    public static final int DEFAULT_DEMO_PORT = 8502;
    /** The one redirect URI registered for a client unless another is given (the project's TP_REDIRECT_URI default). */
    public static final String DEFAULT_REDIRECT_URI = Clients.DEFAULT_REDIRECT_URI;

    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body waits
        // for the client's delayed ACK, ~40 ms per call. The JDK reads this property once, when the first HttpServer
        // of the JVM is made, so it is set here, before any stand-in creates one (an explicit setting wins).
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private final Knobs knobs = new Knobs();
    private final WorkoutChanges workoutChanges = new WorkoutChanges(knobs);
    private final Counters counters = new Counters();
    private final Clients clients = new Clients();
    private final Athletes athletes = new Athletes();
    private final AuthorizationCodes codes = new AuthorizationCodes();
    private final TokenStore tokens = new TokenStore();
    private final TokenHandler tokenHandler = new TokenHandler(clients, codes, tokens, knobs, counters);
    private final Router router;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private TrainingPeaksStandIn(int port, String clientId, String clientSecret) throws IOException {
        clients.register(clientId, clientSecret, DEFAULT_REDIRECT_URI);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        router = new Router(knobs, counters, new AuthorizeHandler(clients, athletes, codes, knobs), tokenHandler,
                new DeauthorizeHandler(tokens, knobs), new ApiHandler(tokens, athletes, knobs, workoutChanges), new AdminHandler(this));
        server.createContext("/", router);
        // A cached pool, so a delayed ("slow provider") answer never holds up other requests.
        executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. Registers the default demo client. */
    public static TrainingPeaksStandIn start(int port) {
        return start(port, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    }

    public static TrainingPeaksStandIn start(int port, String clientId, String clientSecret) {
        try {
            return new TrainingPeaksStandIn(port, clientId, clientSecret);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the TrainingPeaks stand-in on port " + port, e);
        }
    }

    /**
     * Test convenience: plays the browser's part of the authorize step for the default client (auto-approve must be
     * on) and returns the authorization code TrainingPeaks would redirect back with.
     */
    public String authorizeAsBrowser(String redirectUri, String scope) {
        String query = "response_type=code&client_id=" + FormCodec.encodeComponent(DEFAULT_CLIENT_ID) + "&scope="
                + FormCodec.encodeComponent(scope) + "&redirect_uri=" + FormCodec.encodeComponent(redirectUri) + "&state=test";
        try {
            java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(baseUri() + "/OAuth/Authorize?" + query)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("authorize answered " + response.statusCode() + " without a redirect"));
            for (String pair : URI.create(location).getRawQuery().split("&")) {
                if (pair.startsWith("code=")) {
                    return FormCodec.decodeComponent(pair.substring(5));
                }
            }
            throw new IllegalStateException("authorize redirected without a code: error in " + URI.create(location).getRawQuery().replaceAll("code=[^&]*", ""));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** e.g. http://127.0.0.1:PORT, with no trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // interrupts handlers sleeping in a delay
    }

    /** Adds (or replaces) a client with the default redirect URI; several clients may be registered. */
    public TrainingPeaksStandIn registerClient(String clientId, String clientSecret) {
        return registerClient(clientId, clientSecret, DEFAULT_REDIRECT_URI);
    }

    /** Adds (or replaces) a client with its one registered redirect URI, matched exactly on authorize. */
    public TrainingPeaksStandIn registerClient(String clientId, String clientSecret, String redirectUri) {
        clients.register(clientId, clientSecret, redirectUri);
        return this;
    }

    // ---- authorize knobs ----

    /** When false, /OAuth/Authorize shows a consent page with Approve / Deny links. Default true. */
    public TrainingPeaksStandIn autoApprove(boolean autoApprove) {
        knobs.autoApprove = autoApprove;
        return this;
    }

    /** The next authorize request redirects with error=access_denied. */
    public TrainingPeaksStandIn denyNextAuthorization() {
        knobs.denyNextAuthorization.set(true);
        return this;
    }

    // ---- token knobs ----

    /** Lifetime of access tokens issued from now on (expires_in). Default 600 s, as documented (S4 guide). */
    public TrainingPeaksStandIn accessTokenLifetime(Duration lifetime) {
        knobs.accessTokenLifetime = positive(lifetime);
        return this;
    }

    /** On (default): each refresh returns a new refresh token and kills the old one. Rotation is undocumented. */
    public TrainingPeaksStandIn rotateRefreshTokens(boolean rotate) {
        knobs.rotateRefreshTokens = rotate;
        return this;
    }

    /** Refresh-token rotation behaviours; TrainingPeaks documents none of them (research §6). */
    public enum Rotation {
        /** The refresh token is reused: answers carry none. */
        NONE,
        /** Each refresh returns a new refresh token and the old one dies at once. */
        STRICT,
        /** Each refresh returns a new refresh token; the old one keeps working for a grace period after first use. */
        GRACE
    }

    /** Sets the rotation behaviour; {@code grace} applies to {@link Rotation#GRACE} only. */
    public TrainingPeaksStandIn refreshTokenRotation(Rotation rotation, Duration grace) {
        knobs.rotateRefreshTokens = rotation != Rotation.NONE;
        knobs.rotationGrace = rotation == Rotation.GRACE ? positive(grace) : Duration.ZERO;
        return this;
    }

    /**
     * On: a refresh ends the access tokens issued earlier for the same grant. Off (default): they stay valid until
     * they expire. TrainingPeaks documents neither (research section 6), so the product is tested against both.
     */
    public TrainingPeaksStandIn refreshEndsEarlierAccessTokens(boolean end) {
        knobs.refreshEndsEarlierAccessTokens = end;
        return this;
    }

    /** Leaves these fields out of successful token answers (e.g. {@code expires_in}, {@code scope}). */
    public TrainingPeaksStandIn omitTokenFields(String... fields) {
        knobs.answerShape.omittedFields.clear();
        knobs.answerShape.omittedFields.addAll(List.of(fields));
        return this;
    }

    /** Token answers name this scope instead of the granted one (e.g. a very long one); null restores. */
    public TrainingPeaksStandIn answerScope(String scope) {
        knobs.answerShape.scope = scope;
        return this;
    }

    /** {@code token_type} of token answers (default {@code bearer}), e.g. {@code mac}. */
    public TrainingPeaksStandIn tokenType(String tokenType) {
        knobs.answerShape.tokenType = Objects.requireNonNull(tokenType, "tokenType");
        return this;
    }

    /** Pads successful token answers with this many bytes (valid JSON, streamed without Content-Length). */
    public TrainingPeaksStandIn padTokenAnswers(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
        knobs.answerShape.paddingBytes = bytes;
        return this;
    }

    /** Sends successful token answers' headers at once, then the body 16 bytes at a time with this pause. */
    public TrainingPeaksStandIn trickleTokenAnswers(Duration pause) {
        knobs.answerShape.trickle = nonNegative(pause);
        return this;
    }

    /** Injected 503 and 429 token answers carry {@code Retry-After: seconds}; null for none (429 then says 1). */
    public TrainingPeaksStandIn tokenRetryAfter(Duration retryAfter) {
        knobs.answerShape.retryAfterSeconds = retryAfter == null ? null : nonNegative(retryAfter).toSeconds();
        return this;
    }

    /** How a failed client authentication is answered (research §3.1: S6 lists a wrong secret under invalid_request, and saw HTML). */
    public enum ClientAuthFailure {
        /** RFC 6749 5.2's own answer: 401 {@code invalid_client}. */
        INVALID_CLIENT_401,
        /** 400 {@code invalid_request}, which S6's wiki notes suggest for an incorrect client_secret. */
        INVALID_REQUEST_400,
        /** An HTML error page with 400, as S6 saw for a malformed token request. */
        HTML_400
    }

    /** How a failed client authentication (e.g. a wrong secret) is answered. */
    public TrainingPeaksStandIn clientAuthFailure(ClientAuthFailure style) {
        knobs.answerShape.clientAuthFailure = Objects.requireNonNull(style, "style");
        return this;
    }

    /** While on, every refresh_token grant answers 400 invalid_grant. */
    public TrainingPeaksStandIn failRefreshWithInvalidGrant(boolean fail) {
        knobs.failRefreshWithInvalidGrant = fail;
        return this;
    }

    /**
     * Like every user revoking the app on TrainingPeaks: all refresh tokens answer invalid_grant from now on
     * and all access tokens stop working too. Tokens issued afterwards are unaffected.
     */
    public TrainingPeaksStandIn revokeAll() {
        tokens.revokeAll();
        return this;
    }

    /**
     * Like one user removing the app in their TrainingPeaks settings: that user's tokens stop working (refresh:
     * invalid_grant), everyone else's keep working.
     */
    public TrainingPeaksStandIn revokeUser(long athleteId) {
        tokens.revokeUser(athleteId);
        return this;
    }

    /**
     * Off (default, as documented since 2025: S1 a2946d9/eaf3f28): only body credentials count, and a request with
     * HTTP Basic alone is answered like one with wrong credentials. On: Basic counts too (the 2024 sample, S1 4bb2c0a).
     */
    public TrainingPeaksStandIn acceptBasicClientAuthentication(boolean accept) {
        knobs.acceptBasicClientAuthentication = accept;
        return this;
    }

    /**
     * Whether POST /oauth/deauthorize accepts an expired (but not revoked) access token. Undocumented; default off,
     * so an expired token is answered 401 {@code invalid_token} and the grant stays live.
     */
    public TrainingPeaksStandIn deauthorizeAcceptsExpiredToken(boolean accept) {
        knobs.deauthorizeAcceptsExpiredToken = accept;
        return this;
    }

    /**
     * Whether athletes created by the next approvals are premium (default) or basic. Basic athletes read null
     * premium-only workout fields and get 403 on metrics (S3 Premium-vs-Basic-Athlete). A coach's roster always has
     * two premium athletes and one basic one.
     */
    public TrainingPeaksStandIn newAthletesPremium(boolean premium) {
        knobs.newAthletesPremium = premium;
        return this;
    }

    /** The metrics key for HRV: {@code Hrv} (default, seen live: S6) or {@code HRV} (the wiki's example: S3). */
    public TrainingPeaksStandIn hrvKey(String key) {
        if (!"Hrv".equals(key) && !"HRV".equals(key)) {
            throw new IllegalArgumentException("hrvKey must be Hrv or HRV");
        }
        knobs.hrvKey = key;
        return this;
    }

    /** The next {@code count} POST /oauth/token calls answer with {@code failure}; 0 disarms. */
    public TrainingPeaksStandIn failNextTokenCalls(int count, Failure failure) {
        knobs.tokenFailures.arm(count, failure);
        return this;
    }

    /** The next {@code count} API calls answer with {@code failure}; 0 disarms. */
    public TrainingPeaksStandIn failNextApiCalls(int count, Failure failure) {
        knobs.apiFailures.arm(count, failure);
        return this;
    }

    /** While on, every OAuth and API endpoint answers the HTML 502 page (admin endpoints keep working). */
    public TrainingPeaksStandIn outage(boolean outage) {
        knobs.outage = outage;
        return this;
    }

    /** Delay before every token-endpoint answer (slow provider). */
    public TrainingPeaksStandIn delay(Duration delay) {
        knobs.tokenDelay = nonNegative(delay);
        return this;
    }

    /** Delay before every API answer. */
    public TrainingPeaksStandIn apiDelay(Duration delay) {
        knobs.apiDelay = nonNegative(delay);
        return this;
    }

    // ---- calendar edits and the changed feed (see WorkoutChanges) ----

    /** The user retitles a workout on TrainingPeaks now: it is in the changed feed's Modified from now on. */
    public TrainingPeaksStandIn modifyWorkout(long workoutId, String title) {
        workoutChanges.modify(workoutId, title, Instant.now());
        return this;
    }

    /** The user deletes a workout on TrainingPeaks now: gone from every route, its id in the feed's Deleted. */
    public TrainingPeaksStandIn deleteWorkout(long workoutId) {
        workoutChanges.delete(workoutId, Instant.now());
        return this;
    }

    /** {@code changed} (default: the wiki's example URLs) or {@code changes} (the wiki's "Resource endpoint" line). */
    public TrainingPeaksStandIn changesRoute(String route) {
        knobs.changesRoute = route;
        return this;
    }

    /** The zone the feed's {@code date} is taken in: UTC (default, as documented) or e.g. America/Denver. */
    public TrainingPeaksStandIn changesDateZone(java.time.ZoneId zone) {
        knobs.changesDateZone = zone;
        return this;
    }

    /** LastModifiedDate as UTC with Z (the feed's example) instead of Mountain local time (default, Workouts-Object). */
    public TrainingPeaksStandIn lastModifiedInUtc(boolean utc) {
        knobs.lastModifiedInUtc = utc;
        return this;
    }

    /** Every page of the feed repeats all deleted ids (instead of paging them like the modified workouts). */
    public TrainingPeaksStandIn deletedOnEveryPage(boolean repeat) {
        knobs.deletedOnEveryPage = repeat;
        return this;
    }

    /** Every access token issued so far expires now (refresh tokens are untouched). */
    public TrainingPeaksStandIn expireAccessTokensNow() {
        tokens.expireAccessTokensNow(Instant.now());
        return this;
    }

    /** All knobs back to their defaults and counters to zero; clients, users and tokens are kept. */
    public TrainingPeaksStandIn reset() {
        knobs.reset();
        resetCounters();
        return this;
    }

    // ---- counters and observations ----

    /** All POST /oauth/token calls, counted on arrival. */
    public int tokenCalls() {
        return counters.token.get();
    }

    /** POST /oauth/token calls with grant_type=refresh_token. */
    public int refreshCalls() {
        return counters.refresh.get();
    }

    /** POST /oauth/token calls with grant_type=authorization_code. */
    public int exchangeCalls() {
        return counters.exchange.get();
    }

    /** Calls to /v1/** and /v2/**. */
    public int apiCalls() {
        return counters.api.get();
    }

    /** The most POST /oauth/token calls that were being answered at the same time since the last counter reset. */
    public int maxConcurrentTokenCalls() {
        return counters.tokenMaxInFlight.get();
    }

    public int deauthorizeCalls() {
        return counters.deauthorize.get();
    }

    /** Calls to /OAuth/Authorize and its consent decision. */
    public int authorizeCalls() {
        return counters.authorize.get();
    }

    /** Zeroes the counters and forgets recorded requests. */
    public TrainingPeaksStandIn resetCounters() {
        counters.reset();
        tokenHandler.clearRecorded();
        router.clearRecorded();
        return this;
    }

    /** OAuth and API requests since the last counter reset (at most the latest 1000), with their User-Agent. */
    public List<RecordedRequest> requests() {
        return router.recordedRequests();
    }

    /** The athletes coached by {@code coachId} (GET /v1/coach/athletes), in id order. */
    public List<Athlete> rosterOf(long coachId) {
        return athletes.rosterOf(coachId);
    }

    /** Every access token ever issued, oldest first: for tests that grep logs and pages for leaks. */
    public List<String> issuedAccessTokens() {
        return tokens.issuedAccessTokens();
    }

    /** Every refresh token ever issued, oldest first. */
    public List<String> issuedRefreshTokens() {
        return tokens.issuedRefreshTokens();
    }

    /** The most recent POST /oauth/token, secrets redacted; empty if none since the last counter reset. */
    public Optional<TokenRequest> lastTokenRequest() {
        return Optional.ofNullable(tokenHandler.lastRequest());
    }

    /** The token requests since the last counter reset (at most the latest 1000), secrets redacted. */
    public List<TokenRequest> tokenRequests() {
        return tokenHandler.recordedRequests();
    }

    /** Whether TrainingPeaks still holds a live grant (a usable refresh token) of this user for any client. */
    public boolean hasLiveGrant(long athleteId) {
        return tokens.hasLiveRefreshToken(athleteId);
    }

    /** Users created by approvals so far (coaches' rosters included), in creation order. */
    public List<Athlete> athletes() {
        return athletes.all();
    }

    /** Knobs, counters and token counts as served by GET /_standin/state; never a token or secret value. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("baseUri", baseUri.toString());
        state.put("knobs", knobs.snapshot());
        state.put("counters", counters.snapshot());
        state.put("tokens", tokens.stats(Instant.now()));
        state.put("outstandingAuthorizationCodes", codes.outstanding());
        state.put("clients", clients.ids());
        state.put("athletes", athletes.all().stream().map(a -> Map.of("id", a.id(), "email", a.email(), "premium", a.premium(),
                "coach", a.coach())).toList());
        state.put("lastTokenRequest", tokenHandler.lastRequest());
        return state;
    }

    private static Duration positive(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        return duration;
    }

    private static Duration nonNegative(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return duration;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tp-stand-in-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps a test JVM alive
            return thread;
        };
    }

    /**
     * Local demo: {@code [port [clientId clientSecret]]}, port defaulting to 8502. Client id and secret may also
     * come from TP_STANDIN_CLIENT_ID / TP_STANDIN_CLIENT_SECRET. Prints the base URI (never the secret).
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_DEMO_PORT;
        String clientId = args.length > 2 ? args[1] : envOr("TP_STANDIN_CLIENT_ID", DEFAULT_CLIENT_ID);
        String clientSecret = args.length > 2 ? args[2] : envOr("TP_STANDIN_CLIENT_SECRET", DEFAULT_CLIENT_SECRET);
        TrainingPeaksStandIn standIn = start(port, clientId, clientSecret);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "tp-stand-in-shutdown"));
        System.out.println(standIn.baseUri());
        System.err.println("TrainingPeaks stand-in listening on " + standIn.baseUri() + " for client_id " + clientId
                + "; knobs: GET " + standIn.baseUri() + "/_standin/state");
        Thread.currentThread().join(); // the server's dispatcher thread keeps running; park main until shutdown
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
