package com.podium.connect.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TokenFieldRedactorTest {

    final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "token", "access_token", "refresh_token", "accessToken", "RefreshToken", "id_token",
            "tp-access-token", "Authorization", "client_secret" })
    void tokenNamesAreRecognised(String name) {
        assertThat(TokenFieldRedactor.isTokenField(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "tokenVersion", "eventId", "scope", "expiresAt", "detail", "tokens_revoked" })
    void ordinaryFieldsAreKept(String name) {
        assertThat(TokenFieldRedactor.isTokenField(name)).isFalse();
    }

    @Test
    void redactsNestedFieldsAndArraysAndReportsTheirPaths() throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree("""
                {"eventId":"e","token":"t1","tokenVersion":3,"grants":[{"refresh_token":"t2"}],"empty":{"access_token":null}}""");

        assertThat(TokenFieldRedactor.redact(payload)).containsExactly("$.token", "$.grants[0].refresh_token");

        assertThat(payload.toString()).doesNotContain("t1").doesNotContain("t2");
        assertThat(payload.get("tokenVersion").asInt()).isEqualTo(3);
        assertThat(payload.get("grants").get(0).get("refresh_token").asText()).isEqualTo(TokenFieldRedactor.REDACTED);
    }

    @Test
    void aCleanEventIsLeftAlone() throws Exception {
        String event = """
                {"eventId":"e","athleteId":"a","scope":"workouts:read","tokenVersion":1}""";
        ObjectNode payload = (ObjectNode) json.readTree(event);

        assertThat(TokenFieldRedactor.redact(payload)).isEmpty();
        assertThat(payload).isEqualTo(json.readTree(event));
    }
}
