package com.podium.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenGrant;
import com.podium.connect.token.Tokens;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.Poll;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** What an operator scrapes from /actuator/prometheus, moved by real refreshes and calls through the stand-in. */
@IntegrationTest
@AutoConfigureObservability(tracing = false)
@AutoConfigureMockMvc
class MetricsIntegrationTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    static final String SCOPE = "athlete:profile metrics:read workouts:read workouts:details";

    @Autowired
    Tokens tokens;

    @Autowired
    TrainingPeaksApi api;

    @Autowired
    MockMvc http;

    String athlete = "metrics-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void aRefreshThroughTheStandInMovesTheRefreshCounterAndTimesTheTokenEndpoint() throws Exception {
        double refreshedBefore = value(scrape(), "podium_token_refreshes_total", "outcome=\"refreshed\"").orElse(0.0);
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect();
        Instant refreshAt = tokens.status(athlete).orElseThrow().refreshAt();
        Poll.until("the refresh is due", Duration.ofSeconds(10), () -> Instant.now().isAfter(refreshAt));

        tokens.getToken(athlete);

        assertThat(standIn.refreshCalls()).isEqualTo(1);
        String metrics = scrape();
        assertThat(value(metrics, "podium_token_refreshes_total", "outcome=\"refreshed\"")).contains(refreshedBefore + 1);
        assertThat(value(metrics, "podium_trainingpeaks_token_requests_seconds_count", "operation=\"refresh\"",
                "status=\"200\"")).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
    }

    @Test
    void aRefreshOvertakenByANewGrantCountsAsFenced() throws Exception {
        double fencedBefore = value(scrape(), "podium_token_refreshes_total", "outcome=\"fenced\"").orElse(0.0);
        standIn.accessTokenLifetime(Duration.ofSeconds(2));
        connect();
        TokenGrant newer = tokens.exchangeAuthorizationCode(
                standIn.authorizeAsBrowser("http://localhost:8501/", SCOPE), null);
        Instant refreshAt = tokens.status(athlete).orElseThrow().refreshAt();
        Poll.until("the refresh is due", Duration.ofSeconds(10), () -> Instant.now().isAfter(refreshAt));
        standIn.delay(Duration.ofSeconds(2));

        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> tokens.getToken(athlete).value());
        Poll.until("the refresh reached TrainingPeaks", Duration.ofSeconds(10), () -> standIn.refreshCalls() == 1);
        tokens.store(athlete, AccountRole.ATHLETE, newer); // the user re-authorized meanwhile

        assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(newer.accessToken());
        assertThat(value(scrape(), "podium_token_refreshes_total", "outcome=\"fenced\"")).contains(fencedBefore + 1);
    }

    @Test
    void theEndpointExposesEveryOperationalMetric() throws Exception {
        connect();
        api.profile(athlete);

        String metrics = scrape();

        for (String outcome : RefreshOutcomeMetrics.OUTCOMES) {
            assertThat(value(metrics, "podium_token_refreshes_total", "outcome=\"" + outcome + "\"")).isPresent();
        }
        assertThat(value(metrics, "podium_trainingpeaks_token_requests_seconds_count", "operation=\"exchange\""))
            .isPresent();
        assertThat(value(metrics, "http_client_requests_seconds_count", "uri=\"/v1/athlete/profile\"", "status=\"200\""))
            .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        // The token gauges are one aggregate query at most every 10 s: an earlier scrape may still be served.
        Poll.until("the token gauge counts the stored token as valid", Duration.ofSeconds(15),
                () -> value(uncheckedScrape(), "podium_tokens", "state=\"valid\"").orElse(0.0) >= 1);
        assertThat(value(metrics, "podium_tokens", "state=\"retrying\"")).isPresent();
        assertThat(value(metrics, "podium_tokens", "state=\"expired\"")).isPresent();
        assertThat(value(metrics, "podium_tokens_soonest_expiry_seconds")).isPresent();
        assertThat(value(metrics, "podium_sync_accounts", "state=\"synced\"")).isPresent();
        assertThat(value(metrics, "podium_sync_accounts", "state=\"failing\"")).isPresent();
        assertThat(value(metrics, "podium_sync_accounts", "state=\"overdue\"")).isPresent();
        assertThat(value(metrics, "podium_sync_oldest_age_seconds")).isPresent();
        assertThat(value(metrics, "podium_outbox_incomplete")).isPresent();
        assertThat(value(metrics, "podium_outbox_oldest_age_seconds")).isPresent();
        assertThat(value(metrics, "kafka_consumer_fetch_manager_records_lag_max", "client_id=\"consumer-podium-audit-"))
            .isPresent();
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExposed() throws Exception {
        connect();
        api.profile(athlete);
        String metrics = scrape();
        String dashboard = Files.readString(Path.of("../ops/grafana/podium-connect-dashboard.json"));

        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("\\b(podium_\\w+|http_client_requests_seconds\\w*|kafka_consumer_\\w+|cache_\\w+)")
            .matcher(dashboard);
        while (names.find()) {
            queried.add(names.group(1));
        }

        assertThat(queried).hasSizeGreaterThanOrEqualTo(8).allSatisfy(name -> assertThat(metrics).contains("\n" + name));
    }

    private void connect() {
        TokenGrant grant = tokens.exchangeAuthorizationCode(
                standIn.authorizeAsBrowser("http://localhost:8501/", SCOPE), null);
        tokens.store(athlete, AccountRole.ATHLETE, grant);
    }

    private String scrape() throws Exception {
        // A scraper is a machine: the test profile's bearer token (role OPS).
        return http.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-machine-token")).andReturn()
            .getResponse().getContentAsString();
    }

    private String uncheckedScrape() {
        try {
            return scrape();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the first sample of {@code name} whose labels contain all of {@code labels}. */
    static Optional<Double> value(String metrics, String name, String... labels) {
        return metrics.lines()
            .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
            .filter(line -> Arrays.stream(labels).allMatch(line::contains))
            .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst();
    }
}
