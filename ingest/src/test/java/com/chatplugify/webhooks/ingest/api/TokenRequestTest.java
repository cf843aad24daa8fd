package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRequestTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"evil\nname", "nul\u0000", "red\u001b[31m", "tab\there", "del\u007f", "c1\u0085"})
    void shouldRefuseANameWithControlCharacters(String name) {
        assertThatThrownBy(() -> TokenRequest.parse(body(name), NOW)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_token");
            assertThat(e.detail()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).singleElement()
                    .isInstanceOfSatisfying(Violation.class, violation -> {
                        assertThat(violation.field()).isEqualTo("name");
                        assertThat(violation.message()).contains("control characters");
                    });
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRM sync", "Café — Zürich", "日本語のトークン"})
    void shouldAcceptANameOfPrintableCharactersInAnyScript(String name) {
        assertThat(TokenRequest.parse(body(name), NOW).name()).isEqualTo(name);
    }

    private static JsonNode body(String name) {
        return Json.mapper().valueToTree(Map.of("name", name, "workspaceId", "ws_1", "permissions", List.of("read")));
    }
}
