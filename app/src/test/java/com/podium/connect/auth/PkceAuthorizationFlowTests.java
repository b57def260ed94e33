package com.podium.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.podium.connect.token.Tokens;
import com.podium.testsupport.IntegrationTest;
import com.podium.testsupport.SharedStandIn;
import com.podium.trainingpeaks.standin.TokenRequest;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** With {@code podium.auth.pkce-enabled=true}: the stand-in checks the S256 verifier on the code exchange. */
@IntegrationTest(properties = "podium.auth.pkce-enabled=true")
@AutoConfigureMockMvc
class PkceAuthorizationFlowTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    MockMvc mvc;

    @Autowired
    Tokens tokens;

    final String athlete = "pkce-" + UUID.randomUUID();

    @BeforeEach
    void resetStandIn() {
        standIn.reset();
    }

    @Test
    void theStoredVerifierPassesTheStandInsS256Check() throws Exception {
        Browser browser = new Browser(mvc);
        URI authorizeUrl = browser.start(athlete, "athlete");
        Map<String, String> query = Browser.query(authorizeUrl);
        assertThat(query).containsEntry("code_challenge_method", "S256");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");

        MockHttpServletResponse response = browser.callback(browser.authorizeAt(authorizeUrl));

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(tokens.status(athlete)).isPresent();
        assertThat(standIn.exchangeCalls()).isEqualTo(1);
        // The verifier went in the token request body (the stand-in records its key, never its value).
        assertThat(standIn.lastTokenRequest().orElseThrow().form()).containsEntry("code_verifier", TokenRequest.REDACTED);
    }

    @Test
    void aVerifierThatDoesNotMatchTheChallengeFailsTheExchange() throws Exception {
        Browser browser = new Browser(mvc);
        URI authorizeUrl = browser.start(athlete, "athlete");
        // TrainingPeaks is shown a challenge for some other verifier, so ours cannot match it.
        URI tampered = Browser.withQueryParam(authorizeUrl, "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        MockHttpServletResponse response = browser.callback(browser.authorizeAt(tampered));

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.getContentAsString()).contains("did not accept this connection attempt")
            .doesNotContain("invalid_grant");
        assertThat(standIn.exchangeCalls()).isEqualTo(1);
        assertThat(tokens.status(athlete)).isEmpty();
    }
}
