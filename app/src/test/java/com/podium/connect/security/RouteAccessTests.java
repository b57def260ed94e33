package com.podium.connect.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.StandInIntegrationTest;
import com.podium.connect.apiclient.TrainingPeaksApi;

/**
 * Every route for the four kinds of caller: anonymous, another user, the right user, the right role. Also the
 * headers every page carries and the demo sign-in itself. Shares the stand-in tests' application context.
 */
class RouteAccessTests extends StandInIntegrationTest {

    /** The test profile's machine token (application-test.yml). */
    static final String MACHINE_TOKEN = "test-machine-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    TrainingPeaksApi api;

    static RequestPostProcessor athlete(String id) {
        return user(id).roles("ATHLETE");
    }

    static RequestPostProcessor coach(String id) {
        return user(id).roles("COACH");
    }

    static RequestPostProcessor ops() {
        return user("ops").roles("OPS");
    }

    MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    static String id() {
        return "a-" + UUID.randomUUID();
    }

    @Test
    void anonymousBrowsersAreSentToSignInAndProgramsGet401ProblemDetails() throws Exception {
        for (String page : new String[] { "/connect", "/dashboard", "/dashboard/a-1", "/coach", "/operations", "/home",
                "/connect/disconnect" }) {
            assertThat(call(get(page)).getRedirectedUrl()).as(page).endsWith("/signin");
        }
        assertThat(call(post("/connect/start").with(csrf())).getRedirectedUrl()).endsWith("/signin");
        assertThat(call(post("/connect/disconnect").with(csrf())).getRedirectedUrl()).endsWith("/signin");

        MockHttpServletResponse json = call(get("/dashboard/a-1").accept(MediaType.APPLICATION_JSON));
        assertThat(json.getStatus()).isEqualTo(401);
        assertThat(json.getContentType()).startsWith("application/problem+json");

        MockHttpServletResponse audit = call(get("/api/audit/events?athleteId=a-1"));
        assertThat(audit.getStatus()).isEqualTo(401);
        assertThat(audit.getContentType()).startsWith("application/problem+json");
        assertThat(audit.getContentAsString()).contains("\"status\":401");
        assertThat(call(post("/ops/replay").contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus())
            .isEqualTo(401);
        assertThat(call(get("/actuator/health")).getStatus()).isNotIn(401, 403);
        assertThat(call(get("/signin")).getStatus()).isEqualTo(200);
        assertThat(call(get("/css/podium.css")).getStatus()).isEqualTo(200);
    }

    @Test
    void anAthleteSeesOnlyTheirOwnPage() throws Exception {
        String mine = id();
        String theirs = connect(id());

        assertThat(call(get("/dashboard/" + mine).with(athlete(mine))).getStatus()).isEqualTo(200);
        MockHttpServletResponse other = call(get("/dashboard/" + theirs).with(athlete(mine)));
        assertThat(other.getStatus()).isEqualTo(403);
        assertThat(other.getContentAsString()).doesNotContain(theirs);
        assertThat(call(get("/coach").with(athlete(mine))).getStatus()).isEqualTo(403);
        assertThat(call(get("/api/audit/events?athleteId=" + theirs).with(athlete(mine))).getStatus()).isEqualTo(403);
        assertThat(call(get("/operations").with(athlete(mine))).getStatus()).isEqualTo(403);
    }

    @Test
    void anotherUsersDisconnectCannotTouchMyConnection() throws Exception {
        String victim = connect(id());
        String stranger = id();

        // The account is always the signed-in one: there is no parameter naming someone else's.
        call(post("/connect/disconnect").param("athleteId", victim).with(athlete(stranger)).with(csrf()));

        assertThat(tokens.status(victim)).as("still connected").isPresent();
    }

    @Test
    void aCoachSeesTheAthletesOfTheirRosterAndNoOneElse() throws Exception {
        String coach = connectAsCoach(id());
        String athlete = connect(id());
        List<AthleteProfile> roster = api.coachAthletes(coach);
        assertThat(roster).isNotEmpty();
        AthleteProfile first = roster.get(0);

        assertThat(call(get("/coach").with(coach(coach))).getContentAsString())
            .contains(first.firstName() + " " + first.lastName(), "href=\"/coach/athletes/" + first.id() + "\"");
        assertThat(call(get("/coach/athletes/" + first.id()).with(coach(coach))).getStatus()).isEqualTo(200);
        assertThat(call(get("/coach/athletes/999999999").with(coach(coach))).getStatus()).as("not on the roster")
            .isEqualTo(403);
        assertThat(call(get("/coach/athletes/" + first.id()).with(coach(id()))).getRedirectedUrl())
            .as("a coach without a TrainingPeaks connection has no roster to prove it").isEqualTo("/coach");
        assertThat(call(get("/coach/athletes/" + first.id()).with(athlete(athlete))).getStatus()).isEqualTo(403);
        assertThat(call(get("/dashboard/" + athlete).with(coach(coach))).getStatus())
            .as("a coach reads athletes through the roster, not their Podium pages").isEqualTo(403);
        assertThat(call(get("/dashboard/" + athlete).with(ops())).getStatus()).as("operators see no training")
            .isEqualTo(403);
    }

    @Test
    void operatorsAndMachinesReadTheAuditLogAndNobodyElse() throws Exception {
        assertThat(call(get("/api/audit/events?athleteId=a-1").with(ops())).getStatus()).isEqualTo(200);
        assertThat(call(get("/api/audit/events?athleteId=a-1")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + MACHINE_TOKEN)).getStatus()).isEqualTo(200);
        MockHttpServletResponse wrong = call(get("/api/audit/events?athleteId=a-1")
            .header(HttpHeaders.AUTHORIZATION, "Bearer not-" + MACHINE_TOKEN));
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
        MockHttpServletResponse coach = call(get("/api/audit/events?athleteId=a-1").with(coach("c-1")));
        assertThat(coach.getStatus()).isEqualTo(403);
        assertThat(coach.getContentType()).startsWith("application/problem+json");
        assertThat(call(post("/ops/replay").with(ops()).contentType(MediaType.APPLICATION_JSON).content("{}"))
            .getStatus()).as("a signed-in operator's POST needs the CSRF token").isEqualTo(403);
        assertThat(call(get("/operations").with(ops())).getStatus()).isEqualTo(200);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        MockHttpServletResponse page = call(get("/connect").with(athlete(id())));

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "style-src 'self'", "frame-ancestors 'none'", "form-action 'self' " + STAND_IN.baseUri().toString()
                    .replaceAll("/$", ""));
        assertThat(page.getContentAsString()).as("nothing inline the policy would block")
            .doesNotContain("<script", "style=", "<style");
        assertThat(call(get("/signin")).getHeader("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void theDemoUsersSignInWithTheirPasswordAndLandOnTheirPage() throws Exception {
        assertThat(call(get("/signin")).getContentAsString()).contains("athlete", "coach", "ops", "demo");

        MockHttpServletResponse signedIn = call(post("/signin").param("username", "athlete").param("password", "demo")
            .with(csrf()));
        MockHttpServletResponse wrong = call(post("/signin").param("username", "athlete").param("password", "nope")
            .with(csrf()));

        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/home");
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/signin?error");
        assertThat(call(get("/home").with(athlete("athlete"))).getRedirectedUrl()).isEqualTo("/dashboard");
        assertThat(call(get("/home").with(coach("coach"))).getRedirectedUrl()).isEqualTo("/coach");
        assertThat(call(get("/home").with(ops())).getRedirectedUrl()).isEqualTo("/operations");
    }

}
