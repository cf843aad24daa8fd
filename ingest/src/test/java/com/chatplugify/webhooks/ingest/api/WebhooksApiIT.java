package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhooksApiIT {

    private final ApiClient api = IngestTestServer.shared().api();
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void shouldCreateAWebhookWithAGeneratedSecretAndShowTheSecretOnlyOnCreation() {
        ApiClient.Response created = create(Map.of());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode webhook = created.json();
        assertThat(webhook.get("id").textValue()).startsWith("webhook_");
        String secret = webhook.get("secret").textValue();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(webhook.get("enabled").booleanValue()).isTrue();
        ApiClient.Response read = api.get("/v1/webhooks/" + webhook.get("id").textValue());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.json().get("url").textValue()).isEqualTo("https://example.com/hooks");
    }

    @Test
    void shouldSeeEveryWriteOnTheNextRead() {
        String id = create(Map.of()).json().get("id").textValue();
        assertThat(ids(api.get("/v1/webhooks?workspaceId=" + workspace))).containsExactly(id);

        ApiClient.Response replaced = api.put("/v1/webhooks/" + id, body(Map.of("url", "https://example.org/v2",
                "events", List.of("*"), "enabled", false)));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonNode read = api.get("/v1/webhooks/" + id).json();
        assertThat(read.get("url").textValue()).isEqualTo("https://example.org/v2");
        assertThat(read.get("enabled").booleanValue()).isFalse();

        assertThat(api.delete("/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(ids(api.get("/v1/webhooks?workspaceId=" + workspace))).isEmpty();
        assertThat(api.delete("/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void shouldListAWorkspaceInPagesOldestFirstWhereADeletionBetweenPagesSkipsNothing() {
        List<JsonNode> created = Stream.generate(() -> create(Map.of()).json()).limit(5).toList();
        List<String> oldestFirst = created.stream()
                .sorted(java.util.Comparator.comparing((JsonNode webhook) -> Instant.parse(webhook.get("createdAt").textValue()))
                        .thenComparing(webhook -> webhook.get("id").textValue()))
                .map(webhook -> webhook.get("id").textValue()).toList();
        assertThat(ids(api.get("/v1/webhooks?workspaceId=" + workspace))).isEqualTo(oldestFirst);

        JsonNode first = api.get("/v1/webhooks?workspaceId=" + workspace + "&limit=2").json();
        assertThat(first.get("data").findValuesAsText("id")).isEqualTo(oldestFirst.subList(0, 2));
        assertThat(first.get("hasMore").booleanValue()).isTrue();
        assertThat(api.delete("/v1/webhooks/" + oldestFirst.get(1)).status()).isEqualTo(204);
        JsonNode second = api.get("/v1/webhooks?workspaceId=" + workspace + "&limit=2&cursor="
                + first.get("nextCursor").textValue()).json();
        assertThat(second.get("data").findValuesAsText("id")).isEqualTo(oldestFirst.subList(2, 4));
        JsonNode last = api.get("/v1/webhooks?workspaceId=" + workspace + "&limit=2&cursor="
                + second.get("nextCursor").textValue()).json();
        assertThat(last.get("data").findValuesAsText("id")).containsExactly(oldestFirst.get(4));
        assertThat(last.get("hasMore").booleanValue()).isFalse();
        assertThat(last.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=ten", "cursor=not-a-cursor"})
    void shouldRefuseAListingsUnusableLimitOrCursorNamingIt(String parameter) {
        ApiClient.Response refused = api.get("/v1/webhooks?workspaceId=" + workspace + "&" + parameter);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").findValuesAsText("field"))
                .containsExactly(parameter.substring(0, parameter.indexOf('=')));
    }

    @Test
    void shouldKeepCreationTimeAndSecretOnReplaceAndAllowMovingToAnotherWorkspace() {
        JsonNode created = create(Map.of("id", "webhook_" + UUID.randomUUID())).json();
        String id = created.get("id").textValue();
        String otherWorkspace = workspace + "_other";

        JsonNode replaced = api.put("/v1/webhooks/" + id, body(Map.of("workspaceId", otherWorkspace))).json();

        assertThat(replaced.get("createdAt").textValue()).isEqualTo(created.get("createdAt").textValue());
        assertThat(Instant.parse(replaced.get("updatedAt").textValue()))
                .isAfterOrEqualTo(Instant.parse(created.get("updatedAt").textValue()));
        assertThat(replaced.has("secret")).isFalse();
        assertThat(api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue())
                .isEqualTo(created.get("secret").textValue());
        assertThat(ids(api.get("/v1/webhooks?workspaceId=" + workspace))).isEmpty();
        assertThat(ids(api.get("/v1/webhooks?workspaceId=" + otherWorkspace))).containsExactly(id);
    }

    @Test
    void shouldReplaceTheSecretAtOnceWhenAReplaceGivesOne() {
        String id = create(Map.of()).json().get("id").textValue();
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        api.put("/v1/webhooks/" + id, body(Map.of("secret", secret)));

        assertThat(api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue()).isEqualTo(secret);
    }

    @Test
    void shouldEndTheRetiringSecretsWithAReplaceThatGivesASecret() {
        String id = create(Map.of()).json().get("id").textValue();
        JsonNode rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", "").json();
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        ApiClient.Response replaced = api.put("/v1/webhooks/" + id, body(Map.of("secret", secret)));
        JsonNode rotatedAgain = api.post("/v1/webhooks/" + id + "/rotate-secret", "").json();

        assertThat(rotated.get("retiringSecretsExpireAt")).hasSize(1);
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().has("retiringSecretsExpireAt")).as("ended by the replace").isFalse();
        assertThat(rotatedAgain.get("retiringSecretsExpireAt")).as("only the secret the replace gave").hasSize(1);
    }

    @Test
    void shouldRefuseToCreateAnIdThatExists() {
        String id = "webhook_" + UUID.randomUUID();
        create(Map.of("id", id));

        ApiClient.Response again = create(Map.of("id", id));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
    }

    @Test
    void shouldAnswer404ForEveryCallOnAnUnknownWebhook() {
        String path = "/v1/webhooks/webhook_unknown_" + UUID.randomUUID();

        assertThat(List.of(api.get(path), api.put(path, body(Map.of())), api.delete(path),
                api.post(path + "/test", ""), api.post(path + "/rotate-secret", ""), api.get(path + "/secret")))
                .allSatisfy(response -> {
                    assertThat(response.status()).as(response.body()).isEqualTo(404);
                    assertThat(response.error()).isEqualTo("not_found");
                });
    }

    @Test
    void shouldRefuseAReplaceWhoseBodyNamesAnotherId() {
        String id = create(Map.of()).json().get("id").textValue();

        ApiClient.Response refused = api.put("/v1/webhooks/" + id, body(Map.of("id", "webhook_other")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_webhook");
    }

    @Test
    void shouldRefuseIfMatchGivenTwiceAndChangeNothing() {
        ApiClient.Response created = create(Map.of());
        String path = "/v1/webhooks/" + created.json().get("id").textValue();

        ApiClient.Response refused = api.send(api.request(path).header(IfMatch.IF_MATCH, "\"1\"")
                .header(IfMatch.IF_MATCH, "\"4\"").DELETE());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_header");
        assertThat(refused.json().get("detail").asText()).contains("If-Match");
        assertThat(api.get(path).status()).isEqualTo(200);
    }

    @Test
    void shouldCompareIfMatchAsTheExactTagAndRefuseAMalformedOne() {
        ApiClient.Response created = create(Map.of());
        String path = "/v1/webhooks/" + created.json().get("id").textValue();

        ApiClient.Response numericallyEqual = api.put(path, body(Map.of()), "\"01\"");
        ApiClient.Response malformed = api.put(path, body(Map.of()), "\"2\"\"");
        ApiClient.Response exact = api.put(path, body(Map.of()), "\"1\"");

        assertThat(created.header(IfMatch.ETAG)).contains("\"1\"");
        assertThat(numericallyEqual.status()).as(numericallyEqual.body()).isEqualTo(412);
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.error()).isEqualTo("invalid_header");
        assertThat(malformed.json().get("detail").asText()).contains("If-Match");
        assertThat(exact.status()).as(exact.body()).isEqualTo(200);
    }

    @Test
    void shouldNameUrlWhenItsPortDoesNotExist() {
        ApiClient.Response refused = create(Map.of("url", "https://example.com:99999/"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").findValuesAsText("field")).containsExactly("url");
    }

    static Stream<Arguments> badWebhooks() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"url\":", "not_json", null),
                Arguments.of("a field twice", "{\"workspaceId\":\"ws\",\"url\":\"https://a.example.com/\",\"url\":\"https://b.example.com/\",\"events\":[\"*\"]}", "not_json", null),
                Arguments.of("JSON after the webhook", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"*\"]} {}", "not_json", null),
                Arguments.of("port out of range", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com:99999/\",\"events\":[\"*\"]}", "invalid_webhook", "invalid_value"),
                Arguments.of("port zero", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com:0/\",\"events\":[\"*\"]}", "invalid_webhook", "invalid_value"),
                Arguments.of("not an object", "[]", "invalid_webhook", "not_an_object"),
                Arguments.of("missing fields", "{}", "invalid_webhook", "missing_field"),
                Arguments.of("wrong types", "{\"workspaceId\":1,\"url\":true,\"events\":\"*\"}", "invalid_webhook", "wrong_type"),
                Arguments.of("bad URL", "{\"workspaceId\":\"ws\",\"url\":\"ht tp://x\",\"events\":[\"*\"]}", "invalid_webhook", "invalid_value"),
                Arguments.of("bad scheme", "{\"workspaceId\":\"ws\",\"url\":\"ftp://example.com\",\"events\":[\"*\"]}", "invalid_webhook", "invalid_value"),
                Arguments.of("unknown filter", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"task.exploded\"]}", "invalid_webhook", "unknown_event_type"),
                Arguments.of("bad family", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"nope.*\"]}", "invalid_webhook", "unknown_event_type"),
                Arguments.of("empty filters", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[]}", "invalid_webhook", "wrong_type"),
                Arguments.of("bad secret", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"*\"],\"secret\":\"s3cr3t\"}", "invalid_webhook", "invalid_value"),
                Arguments.of("reserved header", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"*\"],\"headers\":{\"webhook-id\":\"x\"}}", "invalid_webhook", "invalid_value"),
                Arguments.of("unknown ordering", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"*\"],\"ordering\":\"strict\"}", "invalid_webhook", "invalid_value"),
                Arguments.of("unknown onFailure", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"*\"],\"ordering\":\"fifo\",\"onFailure\":\"retry\"}", "invalid_webhook", "invalid_value"),
                Arguments.of("pause without fifo", "{\"workspaceId\":\"ws\",\"url\":\"https://example.com\",\"events\":[\"*\"],\"onFailure\":\"pause\"}", "invalid_webhook", "invalid_value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWebhooks")
    void shouldRefuseABadWebhookWithTheReason(String what, String body, String error, String reason) {
        ApiClient.Response refused = api.post("/v1/webhooks", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo(error);
        if (reason != null) {
            assertThat(refused.json().get("detail").findValuesAsText("reason")).contains(reason);
        }
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("X-Custom", "a\u010D\u010AX-Evil: 1"),
                Arguments.of("X-Custom", "ok\r\nX-Evil: 1"),
                Arguments.of("X-Custom", "caf\u00e9"),
                Arguments.of("X-Custom", "bell\u0007"),
                Arguments.of("X-Custom", " leading"),
                Arguments.of("X-Custom", "trailing\t"),
                Arguments.of("Webhook-Version", "2"),
                Arguments.of("Transfer-Encoding", "chunked"),
                Arguments.of("X(Bad)", "value"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badHeaders")
    void shouldRefuseAHeaderHttpCannotCarryNamingItButNotItsValue(String name, String value) {
        ApiClient.Response refused = create(Map.of("headers", Map.of(name, value)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_webhook");
        JsonNode violation = refused.json().get("detail").get(0);
        assertThat(violation.get("field").textValue()).isEqualTo("headers");
        assertThat(violation.get("message").textValue()).contains(name).doesNotContain(value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".", ".."})
    void shouldRefuseAnIdThatAUrlPathReadsAsADirectorySayingSo(String id) {
        ApiClient.Response refused = create(Map.of("id", id));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_webhook");
        JsonNode violation = refused.json().get("detail").get(0);
        assertThat(violation.get("field").textValue()).isEqualTo("id");
        assertThat(violation.get("reason").textValue()).isEqualTo("invalid_value");
        assertThat(violation.get("message").textValue()).contains("'.' or '..'").contains("URL path");
    }

    @Test
    void shouldRefuseTwoHeadersWhoseNamesDifferOnlyInCase() {
        ApiClient.Response refused = api.post("/v1/webhooks", "{\"workspaceId\":\"" + workspace + "\",\"url\":"
                + "\"https://example.com\",\"events\":[\"*\"],\"headers\":{\"X-Token\":\"a\",\"x-token\":\"b\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("repeats");
    }

    @Test
    void shouldAcceptVisibleAsciiWithInnerSpacesAndTabs() {
        ApiClient.Response created = create(Map.of("headers", Map.of("Authorization", "Bearer a\tb c~!", "X-Empty", "")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void shouldRefuseAListWithoutWorkspace() {
        ApiClient.Response refused = api.get("/v1/webhooks");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("missing_parameter");
    }

    @Test
    void shouldRotateTheSecretKeepingTheOldOneSigningForTheGracePeriod() {
        JsonNode created = create(Map.of()).json();
        String id = created.get("id").textValue();
        String oldSecret = created.get("secret").textValue();

        ApiClient.Response rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", "");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").textValue();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        Instant expiry = Instant.parse(rotated.json().get("retiringSecretsExpireAt").get(0).textValue());
        assertThat(expiry).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue()).isEqualTo(newSecret);
        ApiClient.Response read = api.get("/v1/webhooks/" + id);
        assertThat(read.body()).doesNotContain(oldSecret).doesNotContain(newSecret);
        assertThat(read.json().get("retiringSecretsExpireAt")).as("the grace period, shown while it lasts")
                .isEqualTo(rotated.json().get("retiringSecretsExpireAt"));
        assertThat(api.get("/v1/webhooks?workspaceId=" + workspace).json().at("/data/0/retiringSecretsExpireAt"))
                .isEqualTo(rotated.json().get("retiringSecretsExpireAt"));
    }

    @Test
    void shouldForbidStoringEveryAnswerThatCarriesASecret() {
        ApiClient.Response created = create(Map.of());
        String id = created.json().get("id").textValue();

        List<ApiClient.Response> secretBearing = List.of(created, api.post("/v1/webhooks/" + id + "/rotate-secret", ""),
                api.get("/v1/webhooks/" + id + "/secret"), api.get("/v1/webhooks/" + id + "/headers"));

        assertThat(secretBearing).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
            assertThat(answer.header("Cache-Control")).contains("no-store");
        });
        assertThat(api.get("/v1/webhooks/" + id).header("Cache-Control")).as("a masked read").isEmpty();
    }

    @Test
    void shouldRotateToAGivenSecretAndRefuseABadOne() {
        String id = create(Map.of()).json().get("id").textValue();
        String given = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);

        assertThat(api.post("/v1/webhooks/" + id + "/rotate-secret", "{\"secret\":\"" + given + "\"}")
                .json().get("secret").textValue()).isEqualTo(given);
        ApiClient.Response refused = api.post("/v1/webhooks/" + id + "/rotate-secret", "{\"secret\":\"whsec_short\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_request");
    }

    @Test
    void shouldSendATestEventToThatWebhookAloneThroughTheDeliveriesTopic() {
        JsonNode created = create(Map.of()).json();
        String id = created.get("id").textValue();

        ApiClient.Response sent = api.post("/v1/webhooks/" + id + "/test", "");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String eventId = sent.json().get("id").textValue();
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.await(Topics.DELIVERIES,
                record -> id.equals(record.key()), kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        Delivery delivery = Json.mapper().convertValue(read(records.get(0)), Delivery.class);
        assertThat(delivery.webhookId()).isEqualTo(id);
        assertThat(delivery.workspaceId()).isEqualTo(workspace);
        assertThat(delivery.event().id()).isEqualTo(eventId);
        assertThat(delivery.event().event()).isEqualTo("webhook.test");
        assertThat(delivery.event().data().get("test").booleanValue()).isTrue();
    }

    @Test
    void shouldRefuseToTestADisabledWebhook() {
        String id = create(Map.of("enabled", false)).json().get("id").textValue();

        ApiClient.Response refused = api.post("/v1/webhooks/" + id + "/test", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("webhook_disabled");
    }

    @Test
    void shouldKeepAFifoWebhooksOrderingAndFailurePolicyAndDefaultOthersToUnordered() {
        String fifo = create(Map.of("ordering", "fifo", "onFailure", "pause")).json().get("id").textValue();
        String plain = create(Map.of()).json().get("id").textValue();

        JsonNode read = api.get("/v1/webhooks/" + fifo).json();
        assertThat(read.get("ordering").textValue()).isEqualTo("fifo");
        assertThat(read.get("onFailure").textValue()).isEqualTo("pause");
        JsonNode other = api.get("/v1/webhooks/" + plain).json();
        assertThat(other.get("ordering").textValue()).isEqualTo("unordered");
        assertThat(other.get("onFailure").textValue()).isEqualTo("dead_letter");

        ApiClient.Response replaced = api.put("/v1/webhooks/" + fifo, body(Map.of("ordering", "fifo")));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("onFailure").textValue()).isEqualTo("dead_letter");
    }

    private ApiClient.Response create(Map<String, Object> overrides) {
        return api.post("/v1/webhooks", body(overrides));
    }

    private String body(Map<String, Object> overrides) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("conversation.*", "task.created")));
        body.putAll(overrides);
        return Json.toString(body);
    }

    private static List<String> ids(ApiClient.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().get("data").findValuesAsText("id");
    }

    private static JsonNode read(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
