package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerAuthTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t"})
    void shouldRefuseAnEmptyTokenThatWouldLetEmptyCredentialsIn(String token) {
        assertThatThrownBy(() -> new BearerAuth(token, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
