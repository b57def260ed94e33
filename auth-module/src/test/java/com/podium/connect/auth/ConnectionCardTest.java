package com.podium.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenRevoked;
import com.podium.connect.token.TokenStatus;

class ConnectionCardTest {

    static final Instant AT = Instant.parse("2026-11-25T18:14:59Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static ConnectionStatus connected(int failures) {
        return ConnectionStatus.connected(new TokenStatus("a-42", AccountRole.ATHLETE, "athlete:profile", AT, AT, 1,
                failures, null, AT));
    }

    static ConnectionStatus revoked(TokenRevoked.Reason reason) {
        ReauthorizationPrompt prompt = new ReauthorizationPrompt("a-42", reason, "invalid_grant: gone", AT);
        return reason == TokenRevoked.Reason.DISCONNECTED ? ConnectionStatus.disconnected(prompt)
                : ConnectionStatus.reauthorizationNeeded(prompt);
    }

    @Test
    void connectedOffersOnlyDisconnectAndShowsTheTimeInTheReadersZoneToTheMinute() {
        ConnectionCard card = ConnectionCard.of(connected(0), BERLIN, true);

        assertThat(card.title()).isEqualTo("Connected to TrainingPeaks");
        assertThat(card.when()).isEqualTo("Wed 25 Nov 2026, 19:14 CET");
        assertThat(card.canDisconnect()).isTrue();
        assertThat(card.canConnect()).isFalse();
        assertThat(card.canReauthorize()).isFalse();
        assertThat(ConnectionCard.of(connected(2), BERLIN, true).message()).contains("keeps trying");
    }

    @Test
    void aRevocationSaysWhyInPlainWordsAndOffersToConnectAgain() {
        for (TokenRevoked.Reason reason : new TokenRevoked.Reason[] { TokenRevoked.Reason.REFRESH_REJECTED,
                TokenRevoked.Reason.REFRESH_FAILURES_EXHAUSTED }) {
            ConnectionCard card = ConnectionCard.of(revoked(reason), BERLIN, true);

            assertThat(card.state()).isEqualTo(ConnectionStatus.State.REAUTHORIZATION_NEEDED);
            assertThat(card.title() + card.message()).doesNotContain(reason.name(), "invalid_grant", "REFRESH");
            assertThat(card.canReauthorize()).isTrue();
            assertThat(card.canDisconnect()).isFalse();
        }
    }

    @Test
    void theUsersOwnDisconnectIsNotARevocation() {
        ConnectionCard card = ConnectionCard.of(revoked(TokenRevoked.Reason.DISCONNECTED), BERLIN, true);

        assertThat(card.tone()).isEqualTo("neutral");
        assertThat(card.message()).startsWith("You disconnected");
        assertThat(card.canConnect()).isTrue();
        assertThat(card.canReauthorize()).isFalse();
    }

    @Test
    void someoneElsesCardHasNoButtons() {
        for (ConnectionStatus status : new ConnectionStatus[] { connected(0), ConnectionStatus.notConnected("a-42"),
                revoked(TokenRevoked.Reason.REFRESH_REJECTED), revoked(TokenRevoked.Reason.DISCONNECTED) }) {
            ConnectionCard card = ConnectionCard.of(status, BERLIN, false);
            assertThat(card.canConnect() || card.canReauthorize() || card.canDisconnect()).isFalse();
        }
        assertThat(ConnectionCard.of(ConnectionStatus.notConnected("a-42"), BERLIN, false).message())
            .isEqualTo("The athlete has not connected TrainingPeaks yet.");
    }
}
