package com.podium.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a-42", "A.b_c-9", "x",
            "1234567890123456789012345678901234567890123456789012345678901234"})
    void accepts(String id) {
        assertThat(AccountIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "<script>", "é", "a\u0000b",
            "12345678901234567890123456789012345678901234567890123456789012345"})
    void rejects(String id) {
        assertThat(AccountIds.isValid(id)).isFalse();
    }
}
