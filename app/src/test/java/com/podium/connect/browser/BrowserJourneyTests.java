package com.podium.connect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * What an athlete and a coach do, in a real browser: sign in, connect (the stand-in's consent page), the
 * dashboard, a revocation and the prompt to connect again, disconnect with confirmation, sign out. Screenshots
 * (desktop and phone) land in {@code target/screenshots}. The content security policy is live here: a blocked
 * script, style or form target would show in the browser's console, which the tests read. The last test leaves
 * slow TrainingPeaks reads running in the background, so it runs last.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "podium.auth.pkce-enabled=true",
        // Every page load asks TrainingPeaks, so a revocation there is noticed on the next load.
        "podium.api.cache-ttl=0s" })
@DirtiesContext // its own server on its own port: free its connections for the tests after it
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyTests {

    static final int PORT = freePort();
    static final String APP = "http://localhost:" + PORT;
    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    static ChromeDriver browser;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("trainingpeaks.redirect-uri", () -> APP + "/");
    }

    @BeforeAll
    static void startBrowser() {
        // TrainingPeaks matches the one registered redirect URI exactly: register this server's.
        standIn.registerClient(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET,
                APP + "/");
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        standIn.registerClient(TrainingPeaksStandIn.DEFAULT_CLIENT_ID, TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET);
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void consentPage() {
        standIn.reset();
        standIn.autoApprove(false);
        open("/signin"); // cookies are per site: forget ours
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(Chromium.DESKTOP);
    }

    @AfterEach
    void calmStandIn() {
        standIn.reset();
    }

    @Test
    @Order(1)
    void anAthleteConnectsSeesTheirTrainingIsAskedToReconnectAfterARevocationAndDisconnects() throws IOException {
        open("/connect");
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        shot("signin");
        signIn("athlete");
        assertThat(browser.getCurrentUrl()).as("back where they were going").contains("/connect");
        assertThat(state()).isEqualTo("NOT_CONNECTED");
        shot("athlete-connect");

        click("connect-button");
        approveAtTrainingPeaks();
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/athlete");
        assertThat(state()).isEqualTo("CONNECTED");
        assertThat(browser.findElements(By.cssSelector("#pmc polyline"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#workouts tbody tr"))).isNotEmpty();
        shot("athlete-dashboard");
        phone(() -> shot("athlete-dashboard-phone"));

        // TrainingPeaks forgets our grant: the next page load finds out and says so, in plain words.
        standIn.revokeAll().expireAccessTokensNow();
        browser.navigate().refresh();
        assertThat(state()).isEqualTo("REAUTHORIZATION_NEEDED");
        assertThat(text("connection-message")).contains("no longer accepts Podium's access")
            .doesNotContain("REFRESH_REJECTED", "invalid_grant");
        assertThat(browser.findElements(By.id("disconnect-link"))).isEmpty();
        shot("athlete-reauthorize");

        click("reauthorize-button");
        approveAtTrainingPeaks();
        assertThat(state()).isEqualTo("CONNECTED");

        browser.findElement(By.linkText("TrainingPeaks")).click();
        click("disconnect-link");
        assertThat(browser.findElement(By.id("confirm-disconnect")).getText()).contains("Disconnect TrainingPeaks?");
        shot("disconnect-confirmation");
        click("confirm-disconnect-button");
        assertThat(state()).isEqualTo("DISCONNECTED");
        assertThat(text("connection-message")).startsWith("You disconnected");
        assertThat(browser.findElements(By.id("connect-button"))).hasSize(1);

        click("signout");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/signin"));
        assertThat(browser.getCurrentUrl()).endsWith("/signin?signedout");
        open("/dashboard/athlete");
        assertThat(browser.getCurrentUrl()).as("signed out means signed out").endsWith("/signin");
        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void aCoachConnectsAndSeesTheRosterButNotAnotherAthletesPage() throws IOException {
        open("/home");
        signIn("coach");
        assertThat(browser.getCurrentUrl()).endsWith("/coach");
        assertThat(state()).isEqualTo("NOT_CONNECTED");

        click("connect-button");
        approveAtTrainingPeaks();
        assertThat(browser.getCurrentUrl()).endsWith("/coach");
        assertThat(state()).isEqualTo("CONNECTED");
        assertThat(browser.findElements(By.cssSelector("#roster .roster-line"))).hasSizeGreaterThan(0);
        shot("coach-roster");
        phone(() -> shot("coach-roster-phone"));

        browser.findElement(By.cssSelector("#roster .athlete-link")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("workouts")));
        assertThat(browser.findElements(By.id("all-athletes"))).hasSize(1);
        shot("coach-athlete");

        open("/dashboard/athlete");
        assertThat(browser.findElement(By.id("forbidden")).getText()).contains("not yours to see");
        shot("forbidden");

        click("signout");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/signin"));
        assertThat(browser.getCurrentUrl()).endsWith("/signin?signedout");
        assertNoConsoleErrors();
    }

    /**
     * Issue 9: with TrainingPeaks down (every call answers an HTML 502) and then slow (every API answer after 16 s),
     * both pages still render at once with the data TrainingPeaks gave last and its time, on a desktop and a phone,
     * and say in words what is going on.
     */
    @Test
    @Order(3)
    void whileTrainingPeaksIsDownOrSlowThePagesShowTheLastGoodDataAndItsTime() throws IOException {
        open("/home");
        signIn("athlete");
        connectUnlessConnected();
        untilShown(By.cssSelector("#pmc polyline"));
        switchUser("coach");
        connectUnlessConnected();
        untilShown(By.cssSelector("#roster .roster-line"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            if (reaches().stream().allMatch(reach -> reach.contains("Up to date through your TrainingPeaks coach access"))) {
                return true;
            }
            driver.navigate().refresh(); // the first load after connecting may still be loading some athletes
            return false;
        });
        shot("coach-roster-up-to-date");

        standIn.outage(true);
        browser.navigate().refresh();
        assertRosterFromLastGoodData();
        shot("coach-trainingpeaks-down");
        switchUser("athlete");
        assertTrainingFromLastGoodData();
        shot("athlete-trainingpeaks-down");
        phone(() -> {
            assertTrainingFromLastGoodData();
            shot("athlete-trainingpeaks-down-phone");
        });

        standIn.outage(false).apiDelay(Duration.ofSeconds(16));
        browser.navigate().refresh();
        assertTrainingFromLastGoodData();
        shot("athlete-trainingpeaks-slow");
        switchUser("coach");
        assertRosterFromLastGoodData();
        shot("coach-trainingpeaks-slow");
        phone(() -> {
            assertRosterFromLastGoodData();
            shot("coach-trainingpeaks-slow-phone");
        });
        assertNoConsoleErrors();
    }

    /**
     * The API description's browsable UI (springdoc's Swagger UI) renders and calls the API under its content
     * security policy: no violation in the console (its bundle injects one inline style, which its own paths allow).
     */
    @Test
    @Order(4)
    void swaggerUiRendersAndTriesTheApiUnderItsContentSecurityPolicy() throws IOException {
        browser.manage().logs().get(LogType.BROWSER); // only this page's messages from here on
        open("/swagger-ui.html");
        assertThat(wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .info .title")))
            .getText()).contains("Podium Connect");
        assertThat(browser.findElement(By.cssSelector(".swagger-ui")).getText()).contains("/api/audit/events",
                "/ops/replay");
        browser.findElement(By.cssSelector(".opblock-get .opblock-summary")).click();
        click(By.cssSelector(".opblock-get .try-out__btn"));
        click(By.cssSelector(".opblock-get .execute"));
        // Signed out, the audit API answers 401: the call went out (connect-src) and its answer is shown.
        assertThat(wait(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".opblock-get .live-responses-table tbody .response-col_status"))).getText()).contains("401");
        shot("swagger-ui");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).as("console of Swagger UI")
            .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
    }

    private static void assertTrainingFromLastGoodData() {
        assertThat(state()).isEqualTo("CONNECTED");
        assertThat(browser.findElements(By.cssSelector("#pmc polyline"))).as("the chart, from the last good data")
            .hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#workouts tbody tr"))).isNotEmpty();
        assertThat(text("training-problem")).as("why, and as of when").contains("TrainingPeaks").contains("As of ");
        assertNoInternals();
    }

    private static void assertRosterFromLastGoodData() {
        assertThat(state()).isEqualTo("CONNECTED");
        List<WebElement> lines = browser.findElements(By.cssSelector("#roster .roster-line"));
        assertThat(lines).as("the roster, from the last good data").isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#roster .roster-line .roster-stats strong")))
            .as("this week's load, from the last good data").hasSizeGreaterThanOrEqualTo(lines.size());
        assertThat(reaches()).as("per athlete: why the data is older, and as of when").hasSize(lines.size())
            .allSatisfy(reach -> assertThat(reach).contains("TrainingPeaks").contains("As of "));
        assertNoInternals();
    }

    /** Each roster line's words on how the athlete's data reaches Podium. */
    private static List<String> reaches() {
        return browser.findElements(By.cssSelector("#roster .roster-line .roster-reach")).stream()
            .map(WebElement::getText).toList();
    }

    private static void assertNoInternals() {
        assertThat(browser.getPageSource()).doesNotContain("Bad Gateway", "non_json_body", "Exception");
    }

    /** Reloads until {@code what} is on the page: the first load after connecting may still be loading. */
    private static void untilShown(By what) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            if (!driver.findElements(what).isEmpty()) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
    }

    /** The earlier tests may have left the account connected (the coach) or disconnected (the athlete). */
    private void connectUnlessConnected() {
        if (!state().equals("CONNECTED")) {
            click("connect-button");
            approveAtTrainingPeaks();
        }
    }

    private void switchUser(String user) {
        click("signout");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/signin"));
        signIn(user);
        wait(ExpectedConditions.presenceOfElementLocated(By.id("connection")));
    }

    private void approveAtTrainingPeaks() {
        wait(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("connection")));
    }

    private void signIn(String user) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        click("signin");
    }

    private static void open(String path) {
        browser.get(APP + path);
    }

    private static void click(String id) {
        click(By.id(id));
    }

    private static void click(By what) {
        wait(ExpectedConditions.elementToBeClickable(what)).click();
    }

    private static String state() {
        return wait(ExpectedConditions.presenceOfElementLocated(By.id("connection"))).getAttribute("data-state");
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static WebElement wait(org.openqa.selenium.support.ui.ExpectedCondition<WebElement> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private static void shot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        Object height = browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.width, Math.max(window.height,
                ((Number) height).intValue())));
        Chromium.screenshot(browser, name);
        browser.manage().window().setSize(window);
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void phone(Step step) throws IOException {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(Chromium.PHONE);
        try {
            browser.navigate().refresh();
            Object overflow = browser.executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);
            step.run();
        }
        finally {
            browser.manage().window().setSize(desktop);
        }
    }

    /** CSP violations and failed loads show up as SEVERE console entries. */
    private static void assertNoConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
            .filter(entry -> entry.getMessage().contains(APP)) // the stand-in's pages are not ours
            // A 403 page is meant: Chromium logs every 4xx document as a failed load.
            .filter(entry -> !entry.getMessage().contains("the server responded with a status of 403"))
            .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
