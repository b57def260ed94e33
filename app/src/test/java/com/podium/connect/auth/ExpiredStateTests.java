package com.podium.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/** A state outlives {@code podium.auth.state-ttl} (here one second): the callback is refused. */
@IntegrationTest(properties = "podium.auth.state-ttl=PT1S")
@AutoConfigureMockMvc
class ExpiredStateTests {

    static final TrainingPeaksStandIn standIn = SharedStandIn.get();

    @Autowired
    MockMvc mvc;

    @Autowired
    Tokens tokens;

    @BeforeEach
    void resetStandIn() {
        standIn.reset();
    }

    @Test
    void expiredStateIsRefusedAndChangesNothing() throws Exception {
        String athlete = "late-" + UUID.randomUUID();
        Browser browser = new Browser(mvc);
        URI callbackUrl = browser.authorizeAt(browser.start(athlete, "athlete"));

        Thread.sleep(1_500); // past the one-second TTL

        MockHttpServletResponse response = browser.callback(callbackUrl);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("has expired");
        assertThat(standIn.exchangeCalls()).isZero();
        assertThat(tokens.status(athlete)).isEmpty();
    }
}
