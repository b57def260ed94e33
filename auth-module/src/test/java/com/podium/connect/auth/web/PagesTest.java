package com.podium.connect.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.ReauthorizationPrompt;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.TokenStatus;

class PagesTest {

    static final String HOSTILE = "<script>alert('x')</script>";

    @Test
    void connectedPageShowsRoleScopeAndExpiry() {
        Instant expiresAt = Instant.parse("2026-01-01T11:00:00Z");
        String html = Pages.connect(ConnectionStatus.connected(new TokenStatus("a-42", AccountRole.COACH,
                "coach:athletes metrics:read", expiresAt, expiresAt, 1, 0, null, expiresAt)), "form-token-1");

        assertThat(html).contains("data-state=\"CONNECTED\"", "<h2>Connected</h2>", "COACH", "coach:athletes metrics:read",
                "2026-01-01T11:00:00Z", "Start OAuth flow", "Re-authorize", "Disconnect")
            .contains("value=\"coach\" checked");
    }

    @Test
    void reauthorizationPageShowsTheReasonAndEscapesTheDetail() {
        String html = Pages.connect(ConnectionStatus.reauthorizationNeeded(new ReauthorizationPrompt("a-42",
                TokenRevoked.Reason.REFRESH_REJECTED, HOSTILE, Instant.parse("2026-01-01T11:00:00Z"))), "form-token-1");

        assertThat(html).contains("Re-authorization needed", "REFRESH_REJECTED", "&lt;script&gt;")
            .doesNotContain(HOSTILE);
    }

    @Test
    void anUnconfirmedDisconnectSaysTrainingPeaksMayStillListTheAppAndWhereToRemoveIt() {
        String html = Pages.disconnectedWithoutConfirmation("a-42&b");

        assertThat(html).contains("Disconnected from Podium", "may still list Podium", "account settings",
                "href=\"/connect?athleteId=a-42%26b\"");
    }

    @Test
    void notConnectedPage() {
        assertThat(Pages.connect(ConnectionStatus.notConnected("a-42"), "form-token-1")).contains("Not connected", "a-42",
                "name=\"formToken\" value=\"form-token-1\"");
    }

    @Test
    void errorPageEscapesMessageAndLinksBackToTheAccount() {
        String html = Pages.error("Access not granted", "error " + HOSTILE, "a.b_c-1");

        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;")
            .contains("href=\"/connect?athleteId=a.b_c-1\"");
    }
}
