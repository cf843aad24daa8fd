package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key on POST /v1/events and /v1/events/batch, against the real broker and ingest instances of their
 * own: retries are answered with the first ids and publish nothing, whichever instance gets them and across a
 * restart; concurrent calls publish once; another body is a 409; keys are forgotten after the window.
 */
class IdempotentEventsIT {

    private static IngestTestServer first;
    private static IngestTestServer second;

    private final String workspace = "ws_" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        first = IngestTestServer.start(Map.of()).awaitReady();
        second = IngestTestServer.start(Map.of()).awaitReady();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void shouldAnswerARetryWithTheSameIdAndPublishNothingAgain() {
        String key = UUID.randomUUID().toString();

        ApiClient.Response published = post(first.api(), "/v1/events", key, event("contact.created", 1));
        ApiClient.Response retried = post(first.api(), "/v1/events", key, event("contact.created", 1));

        assertThat(published.status()).as(published.body()).isEqualTo(202);
        assertThat(published.header(EventAnswers.REPLAYED_HEADER)).isEmpty();
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.header(EventAnswers.REPLAYED_HEADER)).contains("true");
        assertThat(retried.json().get("id")).isEqualTo(published.json().get("id"));
        assertThat(eventsOfWorkspace()).extracting(Event::id).containsExactly(published.json().get("id").textValue());
    }

    @Test
    void shouldAnswerARetryOfABatchFromAnotherInstanceWithTheSameIdsInOrder() {
        String key = UUID.randomUUID().toString();
        String batch = "[" + event("task.created", 1) + "," + event("task.updated", 2) + "," + event("task.completed", 3) + "]";

        ApiClient.Response published = post(first.api(), "/v1/events/batch", key, batch);
        ApiClient.Response retried = post(second.api(), "/v1/events/batch", key, batch);

        assertThat(published.status()).as(published.body()).isEqualTo(202);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().get("ids")).isEqualTo(published.json().get("ids")).hasSize(3);
        assertThat(eventsOfWorkspace()).extracting(Event::id).containsExactlyElementsOf(ids(published));
    }

    @Test
    void shouldAnswerARetryAfterTheInstanceRestartedWithTheSameId() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response published;
        try (IngestTestServer before = IngestTestServer.start(Map.of()).awaitReady()) {
            published = post(before.api(), "/v1/events", key, event("conversation.created", 1));
        }

        ApiClient.Response retried;
        try (IngestTestServer after = IngestTestServer.start(Map.of()).awaitReady()) {
            retried = post(after.api(), "/v1/events", key, event("conversation.created", 1));
        }

        assertThat(published.status()).as(published.body()).isEqualTo(202);
        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().get("id")).isEqualTo(published.json().get("id"));
        assertThat(eventsOfWorkspace()).hasSize(1);
    }

    @Test
    void shouldPublishOnceWhenCallsWithOneKeyArriveAtOnceAtTwoInstances() throws Exception {
        String key = UUID.randomUUID().toString();
        String batch = "[" + event("order.requested", 1) + "," + event("order.requested", 2) + "]";
        int calls = 8;
        CyclicBarrier together = new CyclicBarrier(calls);
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        List<CompletableFuture<ApiClient.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                ApiClient api = (i % 2 == 0 ? first : second).api();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitTogether(together);
                    return post(api, "/v1/events/batch", key, batch);
                }, callers));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            callers.shutdownNow();
        }

        List<ApiClient.Response> responses = answers.stream().map(CompletableFuture::join).toList();
        List<ApiClient.Response> publishedNow = responses.stream()
                .filter(r -> r.status() == 202 && r.header(EventAnswers.REPLAYED_HEADER).isEmpty()).toList();
        assertThat(publishedNow).as("calls that published").hasSize(1);
        List<String> ids = ids(publishedNow.get(0));
        for (ApiClient.Response response : responses) {
            assertThat(response.status()).as(response.body()).isIn(202, 409);
            if (response.status() == 202) {
                assertThat(ids(response)).isEqualTo(ids);
            } else {
                assertThat(response.error()).isEqualTo("idempotency_key_in_use");
                assertThat(response.header("Retry-After")).isPresent();
            }
        }
        assertThat(eventsOfWorkspace()).extracting(Event::id).containsExactlyElementsOf(ids);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBodyAndPublishNothingForIt() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response published = post(first.api(), "/v1/events", key, event("contact.updated", 1));

        ApiClient.Response other = post(second.api(), "/v1/events", key, event("contact.updated", 2));
        ApiClient.Response otherRoute = post(first.api(), "/v1/events/batch", key, "[" + event("contact.updated", 1) + "]");

        assertThat(published.status()).isEqualTo(202);
        for (ApiClient.Response refused : List.of(other, otherRoute)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.error()).isEqualTo("idempotency_key_reused");
        }
        assertThat(eventsOfWorkspace()).extracting(Event::id).containsExactly(published.json().get("id").textValue());
    }

    @Test
    void shouldTreatTheSameBodyWrittenOtherwiseAsTheSameRequest() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response published = post(first.api(), "/v1/events", key,
                "{\"event\":\"task.deleted\",\"workspaceId\":\"" + workspace + "\",\"data\":{\"id\":\"t1\",\"n\":1}}");

        ApiClient.Response retried = post(first.api(), "/v1/events", key,
                "{ \"data\": {\"n\": 1, \"id\": \"t1\"},\n \"workspaceId\": \"" + workspace + "\", \"event\": \"task.deleted\" }");

        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().get("id")).isEqualTo(published.json().get("id"));
    }

    @Test
    void shouldKeepTheKeysOfDifferentTokensApart() {
        String key = UUID.randomUUID().toString();
        try (IngestTestServer other = IngestTestServer.start(Map.of(CommonConfig.API_TOKEN, "another-token")).awaitReady()) {
            ApiClient.Response mine = post(first.api(), "/v1/events", key, event("contact.created", 1));
            ApiClient.Response theirs = post(other.api(), "/v1/events", key, event("contact.created", 2));

            assertThat(mine.status()).isEqualTo(202);
            assertThat(theirs.status()).as(theirs.body()).isEqualTo(202);
            assertThat(theirs.header(EventAnswers.REPLAYED_HEADER)).isEmpty();
            assertThat(eventsOfWorkspace()).hasSize(2);
        }
    }

    @Test
    void shouldForgetAKeyOnceItsWindowHasPassed() {
        // Its keys' owners may be the other instances': a key's window is that of the instance that received it.
        try (IngestTestServer shortMemory = IngestTestServer.start(Map.of(IngestConfig.IDEMPOTENCY_WINDOW, "3s"))
                .awaitReady()) {
            String key = UUID.randomUUID().toString();
            ApiClient.Response published = post(shortMemory.api(), "/v1/events", key, event("task.created", 1));
            ApiClient.Response retried = post(shortMemory.api(), "/v1/events", key, event("task.created", 1));
            assertThat(retried.header(EventAnswers.REPLAYED_HEADER)).contains("true");

            ApiClient.Response afresh = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> post(shortMemory.api(), "/v1/events", key, event("task.created", 1)),
                            response -> response.header(EventAnswers.REPLAYED_HEADER).isEmpty());

            assertThat(afresh.status()).as(afresh.body()).isEqualTo(202);
            assertThat(afresh.json().get("id")).isNotEqualTo(published.json().get("id"));
            assertThat(eventsOfWorkspace()).extracting(Event::id).containsExactly(
                    published.json().get("id").textValue(), afresh.json().get("id").textValue());
        }
    }

    @Test
    void shouldRefuseAKeyThatIsNotOne() {
        for (String bad : List.of("", "x".repeat(256), "tab\tinside")) {
            ApiClient.Response refused = post(first.api(), "/v1/events", bad, event("contact.created", 1));

            assertThat(refused.status()).as("'%s'", bad).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_header");
        }
        assertThat(eventsOfWorkspace()).isEmpty();
    }

    @Test
    void shouldClaimNoKeyForAnInvalidRequest() {
        String key = UUID.randomUUID().toString();

        ApiClient.Response invalid = post(first.api(), "/v1/events", key,
                "{\"event\":\"task.exploded\",\"workspaceId\":\"" + workspace + "\",\"data\":{}}");
        ApiClient.Response valid = post(first.api(), "/v1/events", key, event("task.created", 1));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(valid.status()).as(valid.body()).isEqualTo(202);
        assertThat(valid.header(EventAnswers.REPLAYED_HEADER)).isEmpty();
    }

    @Test
    void shouldClaimNoKeyForABatchWithAnEventTooLargeToPublish() {
        String key = UUID.randomUUID().toString();
        String oversized = "[" + event("task.created", 1) + ",{\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"blob\":\"" + "x".repeat(300 * 1024) + "\"}}]";

        ApiClient.Response refused = post(first.api(), "/v1/events/batch", key, oversized);
        ApiClient.Response refusedAgain = post(first.api(), "/v1/events/batch", key, oversized);
        ApiClient.Response corrected = post(first.api(), "/v1/events/batch", key, "[" + event("task.created", 1) + "]");

        for (ApiClient.Response tooLarge : List.of(refused, refusedAgain)) {
            assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
            assertThat(tooLarge.error()).isEqualTo("too_large");
        }
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(202);
        assertThat(corrected.header(EventAnswers.REPLAYED_HEADER)).isEmpty();
    }

    @Test
    void shouldClaimNoKeyForAnEventThatGrowsTooLargeOnceGivenItsIdAndTimestamp() {
        String key = UUID.randomUUID().toString();
        String prefix = "{\"event\":\"task.created\",\"workspaceId\":\"" + workspace + "\",\"data\":{\"blob\":\"";
        String suffix = "\"}}";
        String justFits = prefix + "x".repeat(ApiLimits.MAX_EVENT_BYTES - prefix.length() - suffix.length()) + suffix;

        ApiClient.Response refused = post(first.api(), "/v1/events", key, justFits);
        ApiClient.Response valid = post(first.api(), "/v1/events", key, event("task.created", 1));

        assertThat(justFits).hasSize(ApiLimits.MAX_EVENT_BYTES);
        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.error()).isEqualTo("too_large");
        assertThat(valid.status()).as(valid.body()).isEqualTo(202);
        assertThat(valid.header(EventAnswers.REPLAYED_HEADER)).isEmpty();
        assertThat(eventsOfWorkspace()).extracting(Event::id).containsExactly(valid.json().get("id").textValue());
    }

    private static ApiClient.Response post(ApiClient api, String path, String key, String body) {
        return api.send(api.request(path).header(EventsApi.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String event(String type, int n) {
        return "{\"event\":\"" + type + "\",\"workspaceId\":\"" + workspace + "\",\"data\":{\"id\":\"x_" + n
                + "\",\"n\":" + n + "}}";
    }

    /** The events of this test's workspace now in the topic: a call answered 202 has its events there already. */
    private List<Event> eventsOfWorkspace() {
        return TopicRecords.readToEnd(Topics.EVENTS, record -> workspace.equals(record.key())).stream()
                .map(IdempotentEventsIT::read).toList();
    }

    private static Event read(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readValue(record.value(), Event.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(ApiClient.Response response) {
        List<String> ids = new ArrayList<>();
        for (JsonNode id : response.json().get("ids")) {
            ids.add(id.textValue());
        }
        return ids;
    }

    private static void awaitTogether(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
