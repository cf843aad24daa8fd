package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.ingest.testing.DeadLetterFixtures;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLettersApiIT {

    private final IngestTestServer server = IngestTestServer.shared();
    private final ApiClient api = server.api();
    private final DeadLetterFixtures fixtures = new DeadLetterFixtures();
    private final String workspace = "ws_" + UUID.randomUUID();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterEach
    void closeFixtures() {
        fixtures.close();
    }

    @Test
    void shouldListTheDeadLettersOfAWebhookNewestLastWithWhatWentWrong() {
        String webhook = webhook(true);
        String oldest = fixtures.write(webhook, workspace, "task.created", "retries_exhausted", now.minusSeconds(300));
        String middle = fixtures.write(webhook, workspace, "task.updated", "webhook_disabled", now.minusSeconds(200));
        String newest = fixtures.write(webhook, workspace, "contact.created", "retries_exhausted", now.minusSeconds(100));
        fixtures.write("webhook_other_" + UUID.randomUUID(), workspace, "task.created", "retries_exhausted", now);

        JsonNode page = list("webhookId=" + webhook);

        assertThat(ids(page)).containsExactly(oldest, middle, newest);
        JsonNode first = page.get("data").get(0);
        assertThat(first.get("webhookId").textValue()).isEqualTo(webhook);
        assertThat(first.get("workspaceId").textValue()).isEqualTo(workspace);
        assertThat(first.get("event").get("event").textValue()).isEqualTo("task.created");
        assertThat(first.get("event").get("id").textValue()).startsWith("evt_");
        assertThat(first.get("reason").textValue()).isEqualTo("retries_exhausted");
        assertThat(first.get("attempts").intValue()).isEqualTo(4);
        assertThat(first.get("lastStatus").intValue()).isEqualTo(503);
        assertThat(first.get("lastError").textValue()).isEqualTo("HTTP 503");
        assertThat(Instant.parse(first.get("failedAt").textValue())).isEqualTo(now.minusSeconds(300));
        assertThat(first.get("origin").get("topic").textValue()).isEqualTo(Topics.retryTier(3));
        assertThat(first.get("replayedAt").isNull()).isTrue();
        assertThat(page.get("hasMore").booleanValue()).isFalse();
    }

    @Test
    void shouldFilterByEventReasonAndTime() {
        String webhook = webhook(true);
        String created = fixtures.write(webhook, workspace, "task.created", "retries_exhausted", now.minusSeconds(300));
        String disabled = fixtures.write(webhook, workspace, "task.updated", "webhook_disabled", now.minusSeconds(200));
        String contact = fixtures.write(webhook, workspace, "contact.created", "retries_exhausted", now.minusSeconds(100));
        String of = "webhookId=" + webhook + "&";

        assertThat(ids(list(of + "event=task.created"))).containsExactly(created);
        assertThat(ids(list(of + "event=task.*"))).containsExactly(created, disabled);
        assertThat(ids(list(of + "reason=retries_exhausted"))).containsExactly(created, contact);
        assertThat(ids(list(of + "from=" + encode(now.minusSeconds(200)) + "&to=" + encode(now.minusSeconds(100)))))
                .containsExactly(disabled);
        assertThat(ids(list(of + "from=" + encode(now.minusSeconds(250))))).containsExactly(disabled, contact);
    }

    @Test
    void shouldPageThroughMatchesWithTheCursor() {
        String webhook = webhook(true);
        List<String> written = IntStream.range(0, 5).mapToObj(i -> fixtures.write(webhook, workspace, "task.created",
                "retries_exhausted", now.minusSeconds(60 - i))).toList();

        List<String> seen = new ArrayList<>();
        String query = "webhookId=" + webhook + "&limit=2";
        JsonNode page = list(query);
        int pages = 1;
        seen.addAll(ids(page));
        while (page.get("hasMore").booleanValue()) {
            page = list(query + "&cursor=" + page.get("nextCursor").textValue());
            seen.addAll(ids(page));
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(written);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldReplayMatchesWithFreshAttemptsAndNeverTwice() {
        String webhook = webhook(true);
        String first = fixtures.write(webhook, workspace, "task.created", "retries_exhausted", now.minusSeconds(20));
        String second = fixtures.write(webhook, workspace, "task.updated", "retries_exhausted", now.minusSeconds(10));
        String body = "{\"webhookId\":\"" + webhook + "\"";

        JsonNode dryRun = replay(body + ",\"dryRun\":true}");
        assertThat(dryRun.get("dryRun").booleanValue()).isTrue();
        assertThat(dryRun.get("matched").longValue()).isEqualTo(2);
        assertThat(dryRun.get("replayed").longValue()).isEqualTo(2);
        assertThat(redeliveries(webhook)).isEmpty();

        JsonNode replayed = replay(body + "}");
        assertThat(replayed.get("replayed").longValue()).isEqualTo(2);
        assertThat(replayed.get("alreadyReplayed").longValue()).isZero();
        List<ConsumerRecord<String, byte[]>> redeliveries = redeliveries(webhook, 2);
        assertThat(redeliveries).extracting(record -> TopicRecords.header(record, DeliveryHeaders.REPLAY_OF))
                .containsExactlyInAnyOrder(first, second);
        assertThat(redeliveries).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(webhook);
            assertThat(record.headers().lastHeader(DeliveryHeaders.ATTEMPTS)).isNull();
            assertThat(Json.mapper().readTree(record.value()).get("webhookId").textValue()).isEqualTo(webhook);
        });

        JsonNode again = replay(body + "}");
        assertThat(again.get("replayed").longValue()).isZero();
        assertThat(again.get("alreadyReplayed").longValue()).isEqualTo(2);
        assertThat(redeliveries(webhook)).hasSize(2);
        assertThat(list("webhookId=" + webhook).get("data").findValuesAsText("replayedAt")).hasSize(2)
                .allSatisfy(at -> assertThat(Instant.parse(at)).isAfter(now.minusSeconds(1)));
        assertThat(server.registry().scrape()).contains("webhook_replayed_total");
    }

    @Test
    void shouldNeverReplayAnEntryTwiceWhenRequestsRace() {
        String webhook = webhook(true);
        IntStream.range(0, 30).forEach(i -> fixtures.write(webhook, workspace, "task.created", "retries_exhausted",
                now.minusSeconds(100 - i)));
        String body = "{\"webhookId\":\"" + webhook + "\"}";

        List<CompletableFuture<JsonNode>> racing = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> replay(body))).toList();

        long replayed = racing.stream().map(CompletableFuture::join).mapToLong(report -> report.get("replayed").longValue()).sum();
        assertThat(replayed).isEqualTo(30);
        assertThat(redeliveries(webhook, 30)).hasSize(30)
                .extracting(record -> TopicRecords.header(record, DeliveryHeaders.REPLAY_OF)).doesNotHaveDuplicates();
    }

    @Test
    void shouldStopAtTheLimitAndContinueFromTheCursor() {
        String webhook = webhook(true);
        IntStream.range(0, 5).forEach(i -> fixtures.write(webhook, workspace, "task.created", "retries_exhausted",
                now.minusSeconds(100 - i)));

        JsonNode first = replay("{\"webhookId\":\"" + webhook + "\",\"limit\":3}");
        JsonNode rest = replay("{\"webhookId\":\"" + webhook + "\",\"cursor\":\"" + first.get("nextCursor").textValue() + "\"}");

        assertThat(first.get("replayed").longValue()).isEqualTo(3);
        assertThat(first.get("hasMore").booleanValue()).isTrue();
        assertThat(rest.get("replayed").longValue()).isEqualTo(2);
        assertThat(rest.get("alreadyReplayed").longValue()).isZero();
        assertThat(redeliveries(webhook, 5)).hasSize(5);
    }

    @Test
    void shouldSkipDeadLettersOfDeletedAndDisabledWebhooksAndUnreadableOnes() {
        String deleted = "webhook_gone_" + UUID.randomUUID();
        String disabled = webhook(false);
        fixtures.write(deleted, workspace, "task.created", "endpoint_gone", now.minusSeconds(30));
        fixtures.write(disabled, workspace, "task.created", "webhook_disabled", now.minusSeconds(20));
        fixtures.write(disabled, "not json".getBytes(StandardCharsets.UTF_8), "unreadable_delivery", now.minusSeconds(10));

        JsonNode ofDeleted = replay("{\"webhookId\":\"" + deleted + "\"}");
        JsonNode ofDisabled = replay("{\"webhookId\":\"" + disabled + "\"}");

        assertThat(ofDeleted.get("replayed").longValue() + ofDisabled.get("replayed").longValue()).isZero();
        assertThat(ofDeleted.get("skipped").get("webhook_deleted").longValue()).isEqualTo(1);
        assertThat(ofDisabled.get("skipped").get("webhook_disabled").longValue()).isEqualTo(1);
        assertThat(ofDisabled.get("skipped").get("unreadable").longValue()).isEqualTo(1);
        JsonNode unreadable = list("webhookId=" + disabled + "&reason=unreadable_delivery").get("data").get(0);
        assertThat(unreadable.get("event").isNull()).isTrue();
    }

    @Test
    void shouldSkipWithoutMarkingDeadLettersWhoseWebhookIdNowBelongsToAnotherWorkspaceAndReplayThemOnceItIsBack() {
        String otherWorkspace = workspace + "_other";
        String moved = webhook(workspace, "webhook_moved_" + UUID.randomUUID());
        String taken = webhook(workspace, "webhook_taken_" + UUID.randomUUID());
        String ofMoved = fixtures.write(moved, workspace, "task.created", "retries_exhausted", now.minusSeconds(20));
        String ofTaken = fixtures.write(taken, workspace, "task.created", "retries_exhausted", now.minusSeconds(10));
        assertThat(api.put("/v1/webhooks/" + moved, webhookBody(otherWorkspace)).status()).isEqualTo(200);
        assertThat(api.delete("/v1/webhooks/" + taken).status()).isEqualTo(204);
        webhook(otherWorkspace, taken);
        String ofWorkspace = "{\"workspaceId\":\"" + workspace + "\"}";

        JsonNode skipped = replay(ofWorkspace);

        assertThat(skipped.get("matched").longValue()).isEqualTo(2);
        assertThat(skipped.get("replayed").longValue()).isZero();
        assertThat(skipped.get("skipped").get("webhook_moved").longValue()).isEqualTo(2);
        JsonNode listed = list("workspaceId=" + workspace);
        assertThat(ids(listed)).containsExactly(ofMoved, ofTaken);
        listed.get("data").forEach(entry -> assertThat(entry.get("replayedAt").isNull()).isTrue());

        assertThat(api.put("/v1/webhooks/" + moved, webhookBody(workspace)).status()).isEqualTo(200);
        JsonNode back = replay(ofWorkspace);

        assertThat(back.get("replayed").longValue()).isEqualTo(1);
        assertThat(back.get("skipped").get("webhook_moved").longValue()).isEqualTo(1);
        assertThat(redeliveries(moved, 1)).extracting(record -> TopicRecords.header(record, DeliveryHeaders.REPLAY_OF))
                .containsExactly(ofMoved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=ten", "from=yesterday", "to=2024-01-15T10:30:00",
        "event=task.exploded", "cursor=!!", "from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z", "reason=bogus"})
    void shouldRefuseBadListParametersNamingTheFirstOneGiven(String query) {
        ApiClient.Response refused = api.get("/v1/dead-letters?" + query);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_parameter");
        assertThat(refused.json().at("/detail/0/field").textValue()).isEqualTo(query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"dryRun\":\"yes\"}", "{\"webhookId\":5}", "{\"limit\":0}", "{\"from\":\"now\"}",
        "{\"event\":\"nope\"}", "{\"cursor\":\"%%%\"}", "{\"limit\":1.5}", "{\"reason\":\"bogus\"}",
        "{\"from\":\"2024-02-01T00:00:00Z\",\"to\":\"2024-01-01T00:00:00Z\"}"})
    void shouldRefuseBadReplayRequestsNamingTheFirstFieldGiven(String body) {
        ApiClient.Response refused = api.post("/v1/dead-letters/replay", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_parameter");
        assertThat(refused.json().at("/detail/0/field").textValue()).isEqualTo(body.split("\"")[1]);
    }

    @Test
    void shouldRefuseAReplayWhoseBodyIsNotAnObject() {
        ApiClient.Response refused = api.post("/v1/dead-letters/replay", "[]");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999:0", "0:9223372036854775807", "0:0,0:5"})
    void shouldRefuseACursorNamingAPartitionTheTopicLacksAnOffsetPastItsEndOrAPartitionTwice(String positions) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(positions.getBytes(StandardCharsets.UTF_8));

        ApiClient.Response listed = api.get("/v1/dead-letters?cursor=" + cursor);
        ApiClient.Response replayed = api.post("/v1/dead-letters/replay",
                "{\"workspaceId\":\"" + workspace + "\",\"cursor\":\"" + cursor + "\"}");

        for (ApiClient.Response refused : List.of(listed, replayed)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_parameter");
            assertThat(refused.body()).contains("not a cursor from this API");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhookId", "event", "reason", "workspaceId", "from", "to", "cursor"})
    void shouldRefuseAnEmptyStringAsAReplayFilterRatherThanReplayEverything(String field) {
        ApiClient.Response empty = api.post("/v1/dead-letters/replay", "{\"" + field + "\":\"\",\"dryRun\":true}");
        ApiClient.Response blank = api.post("/v1/dead-letters/replay", "{\"" + field + "\":\"  \",\"dryRun\":true}");
        ApiClient.Response nullMeansAbsent = api.post("/v1/dead-letters/replay", "{\"" + field + "\":null,"
                + (field.equals("workspaceId") ? "" : "\"workspaceId\":\"" + workspace + "\",") + "\"dryRun\":true}");

        assertThat(List.of(empty, blank)).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_parameter");
            assertThat(refused.json().at("/detail/0/field").textValue()).isEqualTo(field);
            assertThat(refused.json().at("/detail/0/reason").textValue()).isEqualTo("invalid_value");
        });
        assertThat(nullMeansAbsent.status()).as(nullMeansAbsent.body()).isEqualTo(200);
    }

    private String webhook(boolean enabled) {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*"), "enabled", enabled)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private String webhook(String inWorkspace, String id) {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("id", id, "workspaceId", inWorkspace,
                "url", "https://example.com/hooks", "events", List.of("*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private static String webhookBody(String inWorkspace) {
        return Json.toString(Map.of("workspaceId", inWorkspace, "url", "https://example.com/hooks", "events", List.of("*")));
    }

    private JsonNode list(String query) {
        ApiClient.Response listed = api.get("/v1/dead-letters?" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json();
    }

    private JsonNode replay(String body) {
        ApiClient.Response replayed = api.post("/v1/dead-letters/replay", body);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        return replayed.json();
    }

    private static List<ConsumerRecord<String, byte[]>> redeliveries(String webhook) {
        return TopicRecords.readToEnd(Topics.DELIVERIES, record -> webhook.equals(record.key()));
    }

    /**
     * The redeliveries of {@code webhook}, read until there are {@code expected}: a transaction's records become
     * readable a moment after its commit returns, once the broker has written its markers.
     */
    private static List<ConsumerRecord<String, byte[]>> redeliveries(String webhook, int expected) {
        return TopicRecords.await(Topics.DELIVERIES, record -> webhook.equals(record.key()),
                found -> found.size() >= expected, Duration.ofSeconds(30));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(entry -> ids.add(entry.get("id").textValue()));
        return ids;
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
