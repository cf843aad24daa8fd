package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint answers 410 to an attempt that started before the webhook was deleted, moved to another URL or given
 * a new secret: the disable applies to the version that answered 410 only, so the webhook is never resurrected nor
 * reverted. The endpoint holds the attempt until the change is made, as a slow endpoint would for seconds.
 */
class EndpointGoneIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonSerde<CommandResult> RESULTS = new JsonSerde<>(CommandResult.class);

    private final ApiClient api = TestSystem.api();
    private final CountDownLatch release = new CountDownLatch(1);
    private final RecordingReceiver receiver = new RecordingReceiver().answer(request -> {
        if (request.path().startsWith("/gone")) {
            hold(release);
            return Reply.status(410);
        }
        return Reply.status(200);
    });
    private final String workspace = "ws_" + UUID.randomUUID();

    EndpointGoneIT() throws IOException {
    }

    @AfterEach
    void stop() {
        release.countDown();
        receiver.close();
    }

    @Test
    void shouldNeverResurrectAWebhookDeletedWhileItsEndpointAnswered410() {
        String id = createAndSendTestEvent();

        assertThat(api.delete("/v1/webhooks/" + id).status()).isEqualTo(204);
        release.countDown();

        assertThat(awaitDisableResult(id).status()).isEqualTo(CommandResult.Status.NOT_FOUND);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> api.get("/v1/webhooks/" + id).status() == 404);
        List<ConsumerRecord<String, byte[]>> written = records(Topics.SUBSCRIPTIONS, id);
        assertThat(written).hasSize(2);
        assertThat(written.get(1).value()).as("the tombstone stays the webhook's last record").isNull();
    }

    @Test
    void shouldNotRevertAUrlChangedWhileTheOldEndpointAnswered410() {
        String id = createAndSendTestEvent();

        ApiClient.Response moved = api.put("/v1/webhooks/" + id, body(receiver.url("/ok/" + id)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        release.countDown();

        CommandResult disable = awaitDisableResult(id);
        assertThat(disable.status()).isEqualTo(CommandResult.Status.VERSION_MISMATCH);
        assertThat(disable.version()).isEqualTo(2);
        JsonNode read = api.get("/v1/webhooks/" + id).json();
        assertThat(read.get("enabled").booleanValue()).isTrue();
        assertThat(read.get("url").textValue()).isEqualTo(receiver.url("/ok/" + id));
        assertThat(read.get("version").longValue()).isEqualTo(2);
        assertThat(read.get("disabledReason").isNull()).isTrue();
        // The new version is delivered to, not parked as gone.
        assertThat(api.post("/v1/webhooks/" + id + "/test", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.received().stream().anyMatch(r -> r.path().equals("/ok/" + id)));
    }

    @Test
    void shouldNotRevertASecretRotatedWhileTheEndpointAnswered410AndDisableTheVersionThatAnswersItNext() {
        String id = createAndSendTestEvent();

        ApiClient.Response rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").textValue();
        release.countDown();

        assertThat(awaitDisableResult(id).status()).isEqualTo(CommandResult.Status.VERSION_MISMATCH);
        JsonNode read = api.get("/v1/webhooks/" + id).json();
        assertThat(read.get("enabled").booleanValue()).isTrue();
        assertThat(read.get("version").longValue()).isEqualTo(2);
        assertThat(secret(id)).isEqualTo(newSecret);

        // The endpoint answers 410 to the rotated version too: that version, and only that, is disabled.
        assertThat(api.post("/v1/webhooks/" + id + "/test", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> !api.get("/v1/webhooks/" + id).json().get("enabled").booleanValue());
        JsonNode disabled = api.get("/v1/webhooks/" + id).json();
        assertThat(disabled.get("version").longValue()).isEqualTo(3);
        assertThat(disabled.get("disabledReason").textValue()).isEqualTo("endpoint_gone");
        assertThat(disabled.get("url").textValue()).isEqualTo(receiver.url("/gone/" + id));
        assertThat(secret(id)).isEqualTo(newSecret);
    }

    /** A webhook whose endpoint holds its first request until {@link #release}, then answers 410, and that request. */
    private String createAndSendTestEvent() {
        String id = "webhook_" + UUID.randomUUID();
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("id", id, "workspaceId", workspace,
                "url", receiver.url("/gone/" + id), "events", List.of("*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.post("/v1/webhooks/" + id + "/test", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.received().stream().anyMatch(r -> r.path().equals("/gone/" + id)));
        return id;
    }

    private String body(String url) {
        return Json.toString(Map.of("workspaceId", workspace, "url", url, "events", List.of("*")));
    }

    private String secret(String id) {
        return api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue();
    }

    /** The owner's answer to the deliverer's request to disable the webhook: the one result not of an API write. */
    private static CommandResult awaitDisableResult(String id) {
        return await().atMost(WAIT).until(() -> records(Topics.SUBSCRIPTION_COMMAND_RESULTS, id).stream()
                        .map(record -> RESULTS.deserialize(record.topic(), record.value()))
                        .filter(result -> result.status() != CommandResult.Status.APPLIED)
                        .findFirst().orElse(null),
                result -> result != null);
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        try (TopicRecords tail = new TopicRecords(TestKafka.bootstrapServers(), topic,
                record -> key.equals(record.key()))) {
            return tail.readToEnd();
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
