package com.podium.connect.benchmarks;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.podium.connect.PodiumConnectApplication;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.RealInfrastructure;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * Instances of the real application (no web server) on the real PostgreSQL and Kafka of this JVM, all talking to one
 * stand-in, as instances in production share one database. The same encryption key for all, as in production.
 */
final class PodiumInstances implements AutoCloseable {

    static final String REDIRECT_URI = TrainingPeaksStandIn.DEFAULT_REDIRECT_URI;
    static final String SCOPE = "athlete:profile workouts:read";
    static final String KEY_ID = "bench";

    private final TrainingPeaksStandIn standIn;
    private final byte[] key = new byte[32];
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    PodiumInstances(TrainingPeaksStandIn standIn) {
        this.standIn = standIn;
        new SecureRandom().nextBytes(key);
    }

    /** Starts one more instance; {@code backgroundRefresher} switches its scheduled sweeps on. */
    ConfigurableApplicationContext start(boolean backgroundRefresher, String... moreArgs) {
        return start(WebApplicationType.NONE, new Class<?>[0], backgroundRefresher, moreArgs);
    }

    /**
     * Starts one more instance with its web server (pages, sign-in) on {@code port}, TrainingPeaks' redirect URI
     * pointing at it, plus {@code extraSources} (beans the run adds).
     */
    ConfigurableApplicationContext startServer(int port, Class<?>[] extraSources, String... moreArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--trainingpeaks.redirect-uri=http://localhost:" + port + "/"));
        args.addAll(List.of(moreArgs));
        return start(WebApplicationType.SERVLET, extraSources, true, args.toArray(String[]::new));
    }

    private ConfigurableApplicationContext start(WebApplicationType web, Class<?>[] extraSources,
            boolean backgroundRefresher, String... moreArgs) {
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        List<String> args = new ArrayList<>(infra.springArgs());
        args.addAll(List.of("--trainingpeaks.client-id=" + TrainingPeaksStandIn.DEFAULT_CLIENT_ID,
                "--trainingpeaks.client-secret=" + TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                "--trainingpeaks.auth-base=" + standIn.baseUri(), "--trainingpeaks.api-base=" + standIn.baseUri(),
                "--trainingpeaks.redirect-uri=" + REDIRECT_URI, "--podium.tokens.encryption.keys=" + KEY_ID + ":" + Base64.getEncoder().encodeToString(key),
                "--podium.tokens.scheduler.enabled=" + backgroundRefresher, "--spring.jmx.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.root=warn"));
        // A key given twice would reach Spring as both values joined by a comma: later ones replace earlier ones.
        for (String more : moreArgs) {
            String key = more.substring(0, more.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(more);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PodiumConnectApplication.class)
            .sources(extraSources)
            .web(web)
            .run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** The AES-256 key every instance encrypts tokens with (for the floor benchmark, which decrypts by hand). */
    byte[] key() {
        return key.clone();
    }

    /** A real grant from the stand-in: authorize as the browser, then exchange the code. */
    TokenGrant freshGrant(Tokens tokens) {
        return tokens.exchangeAuthorizationCode(standIn.authorizeAsBrowser(REDIRECT_URI, SCOPE), null);
    }

    /** The same tokens, as if issued {@code lifetime} before {@code expiresAt}: how a herd gets an expiring token. */
    static TokenGrant expiringAt(TokenGrant grant, Instant expiresAt, Duration lifetime) {
        return new TokenGrant(grant.accessToken(), grant.refreshToken(), expiresAt.minus(lifetime), expiresAt,
                grant.scope());
    }

    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
        started.clear();
    }
}
