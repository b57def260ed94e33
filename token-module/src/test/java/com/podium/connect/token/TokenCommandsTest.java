package com.podium.connect.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCommandsTest {

    @Test
    void recognisesTheCommandAsFirstNonOptionArgumentOnly() {
        assertThat(TokenCommands.isReEncrypt("re-encrypt-tokens")).isTrue();
        assertThat(TokenCommands.isReEncrypt("--server.port=0", "re-encrypt-tokens")).isTrue();
        assertThat(TokenCommands.isReEncrypt("replay", "re-encrypt-tokens")).isFalse();
        assertThat(TokenCommands.isReEncrypt()).isFalse();
        assertThat(TokenCommands.isReEncrypt("--re-encrypt-tokens")).isFalse();
    }
}
