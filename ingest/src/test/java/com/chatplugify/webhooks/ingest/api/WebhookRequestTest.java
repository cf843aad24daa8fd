package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    private static final WebhookRules RULES = new WebhookRules(new WebhookUrlPolicy(false, new AddressPolicy(false)),
            Clock.systemUTC());

    @Test
    void shouldRefuseAnEventFilterListedTwiceNamingIt() {
        assertThatThrownBy(() -> WebhookRequest.parse(body(List.of("task.created", "task.*", "task.created")), RULES))
                .isInstanceOfSatisfying(WebhookRequest.Invalid.class, invalid ->
                        assertThat(invalid.violations()).singleElement().satisfies(violation -> {
                            assertThat(violation.field()).isEqualTo("events");
                            assertThat(violation.message()).contains("'task.created'", "more than once");
                        }));
    }

    @Test
    void shouldKeepOverlappingEventFiltersAsGiven() throws WebhookRequest.Invalid {
        WebhookRequest request = WebhookRequest.parse(body(List.of("task.created", "task.*", "*")), RULES);

        assertThat(request.events()).containsExactly("task.created", "task.*", "*");
    }

    private static JsonNode body(List<String> events) {
        return Json.mapper().valueToTree(Map.of("workspaceId", "ws_1", "url", "https://example.com/hooks",
                "events", events));
    }

    @Test
    void shouldShowNoSecretHeaderValueOrUrlTokenInToString() {
        WebhookRequest request = new WebhookRequest("webhook_1", "ws_1", "https://hooks.example.com/t/s3cr3t-path",
                List.of("*"), Map.of("Authorization", "Bearer h3ad3r"), "whsec_s3cr3t", true, null, null, null, null,
                new ClientCertificate("-----BEGIN CERTIFICATE-----c3rt", "-----BEGIN PRIVATE KEY-----k3y"),
                new OAuth2ClientCredentials("https://auth.example.com/t0k3n-path", "client-1", "cl13nt-s3cr3t", null, null));

        assertThat(request.toString()).contains("webhook_1").contains("Authorization").contains("hooks.example.com")
                .doesNotContain("s3cr3t").doesNotContain("h3ad3r").doesNotContain("c3rt").doesNotContain("k3y")
                .doesNotContain("t0k3n").doesNotContain("cl13nt").contains("auth.example.com").contains("client-1");
    }
}
