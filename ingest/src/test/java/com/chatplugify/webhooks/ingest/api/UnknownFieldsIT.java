package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A field a JSON body of the API does not define is a 400 naming it, on every call that takes a body. */
class UnknownFieldsIT {

    private final ApiClient api = IngestTestServer.shared().api();
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void shouldRefuseToCreateAWebhookWithAMisspeltFieldAndCreateNothing() {
        String id = "webhook_" + UUID.randomUUID();

        ApiClient.Response refused = api.post("/v1/webhooks", webhook(Map.of("id", id, "ordring", "fifo")));

        assertUnknownField(refused, "invalid_webhook", "ordring");
        assertThat(api.get("/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAReplaceWithAnUnknownFieldAndKeepTheWebhookAsItWas() {
        String id = api.post("/v1/webhooks", webhook(Map.of())).json().get("id").textValue();

        ApiClient.Response refused = api.put("/v1/webhooks/" + id, webhook(Map.of("url", "https://example.org/new",
                "enabeld", false)));

        assertUnknownField(refused, "invalid_webhook", "enabeld");
        JsonNode kept = api.get("/v1/webhooks/" + id).json();
        assertThat(kept.get("url").textValue()).isEqualTo("https://example.com/hooks");
        assertThat(kept.get("enabled").booleanValue()).isTrue();
    }

    @Test
    void shouldNameEachUnknownFieldBesideTheOtherProblems() {
        ApiClient.Response refused = api.post("/v1/webhooks", "{\"workspaceId\":\"" + workspace
                + "\",\"url\":\"ftp://x\",\"events\":[\"*\"],\"ordring\":\"fifo\",\"hedaers\":{}}");

        assertThat(refused.status()).isEqualTo(400);
        JsonNode detail = refused.json().get("detail");
        assertThat(detail.findValuesAsText("field")).contains("ordring", "hedaers", "url");
    }

    @Test
    void shouldSayThatAFieldReadBackFromGetIsReadOnly() {
        JsonNode created = api.post("/v1/webhooks", webhook(Map.of())).json();
        Map<String, Object> roundTrip = Json.mapper().convertValue(api.get("/v1/webhooks/" + created.get("id").textValue())
                .json(), Map.class);
        roundTrip.remove("id");

        ApiClient.Response refused = api.put("/v1/webhooks/" + created.get("id").textValue(), Json.toString(roundTrip));

        assertUnknownField(refused, "invalid_webhook", "createdAt");
        assertThat(refused.body()).contains("set by the server");
        // Every field GET answers with is either taken or named read-only, never "unknown".
        assertThat(refused.body()).doesNotContain("unknown field");
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("/v1/events", "{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{},\"worksapceId\":\"ws\"}",
                        "invalid_event", "worksapceId"),
                Arguments.of("/v1/events/batch", "[{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{}},"
                        + "{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{},\"timestmap\":\"2024-01-01T00:00:00Z\"}]",
                        "invalid_events", "timestmap"),
                Arguments.of("/v1/dead-letters/replay", "{\"webhookID\":\"webhook_x\",\"dryRun\":true}",
                        "invalid_parameter", "webhookID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void shouldRefuseAnUnknownFieldInEveryBody(String path, String body, String error, String field) {
        assertUnknownField(api.post(path, body), error, field);
    }

    @Test
    void shouldRefuseAnUnknownFieldWhenRotatingASecret() {
        String id = api.post("/v1/webhooks", webhook(Map.of())).json().get("id").textValue();
        String before = api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue();

        assertUnknownField(api.post("/v1/webhooks/" + id + "/rotate-secret", "{\"secrte\":\"whsec_x\"}"),
                "invalid_request", "secrte");
        assertThat(api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue()).isEqualTo(before);
    }

    @Test
    void shouldAcceptAnyFieldInsideAnEventsData() {
        ApiClient.Response accepted = api.post("/v1/events", "{\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"anything\":1,\"nested\":{\"ordring\":true}}}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    }

    private static void assertUnknownField(ApiClient.Response refused, String error, String field) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo(error);
        JsonNode detail = refused.json().get("detail");
        assertThat(detail.findValuesAsText("reason")).contains("unknown_field");
        assertThat(detail.findValuesAsText("field")).contains(field);
    }

    private String webhook(Map<String, Object> overrides) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("workspaceId", workspace, "url", "https://example.com/hooks",
                "events", List.of("*")));
        body.putAll(overrides);
        return Json.toString(body);
    }
}
