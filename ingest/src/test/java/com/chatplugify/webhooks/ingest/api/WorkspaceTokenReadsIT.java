package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a workspace token reads of a webhook and of the delivery history: only what is its workspace's now, however
 * far behind this instance's view is, and whichever workspace used the same webhook or event id before.
 */
class WorkspaceTokenReadsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEADER = "X-Tenant";

    private final IngestTestServer server = IngestTestServer.shared();
    private final ApiClient admin = server.api();
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final String workspaceA = "ws_a_" + unique;
    private final String workspaceB = "ws_b_" + unique;
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            KafkaClients.producer(server.config(), "workspace-token-reads-it"), new StringSerializer(),
            new ByteArraySerializer());

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void shouldAnswerTheOldWorkspace404ForAWebhookMovedAwayWhileThisInstancesViewWasBehind() throws Exception {
        String webhook = "webhook_moving_" + unique;
        ApiClient.Response created = admin.post("/v1/webhooks", webhookBody(webhook, workspaceA, "a-value"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiClient oldWorkspace = server.api(server.issueToken(workspaceA, "read", "manage_webhooks").secret());
        Subscription before = server.view().get(webhook).orElseThrow();

        // The view stops right after applying the "hold" version, still in workspace A: the move written after it
        // is in the topic, not yet in the view, as on an instance that has not read it yet.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.view().addListener((id, subscription) -> {
            if (id.equals(webhook) && subscription != null && "hold".equals(subscription.description())) {
                held.countDown();
                awaitQuietly(release);
            }
        });
        writeSubscription(copy(before, workspaceA, "a-value", "hold", before.version() + 1));
        writeSubscription(copy(before, workspaceB, "b-value", "moved", before.version() + 2));
        await().atMost(WAIT).until(() -> held.getCount() == 0);

        Map<String, CompletableFuture<ApiClient.Response>> answers = new LinkedHashMap<>();
        try {
            assertThat(server.view().get(webhook).orElseThrow().workspaceId()).as("the view is behind")
                    .isEqualTo(workspaceA);
            for (String path : List.of("", "/headers", "/secret", "/attempts", "/stats")) {
                answers.put(path, CompletableFuture.supplyAsync(() -> oldWorkspace.get("/v1/webhooks/" + webhook + path)));
            }
            answers.put("/test", CompletableFuture.supplyAsync(() -> oldWorkspace.post("/v1/webhooks/" + webhook
                    + "/test", "{}")));
            // Every call waits for the view to read the move rather than answer from what it held.
            await().during(Duration.ofMillis(500)).atMost(WAIT)
                    .until(() -> answers.values().stream().noneMatch(CompletableFuture::isDone));
        } finally {
            release.countDown();
        }

        for (Map.Entry<String, CompletableFuture<ApiClient.Response>> answer : answers.entrySet()) {
            ApiClient.Response response = answer.getValue().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.status()).as(answer.getKey() + " " + response.body()).isEqualTo(404);
            assertThat(response.body()).as(answer.getKey()).doesNotContain("b-value").doesNotContain(workspaceB);
        }
        assertThat(admin.get("/v1/webhooks/" + webhook + "/headers").body()).as("the move was read").contains("b-value");
    }

    @Test
    void shouldNotShowAnotherWorkspacesAttemptsUnderAReusedWebhookIdOrASharedEventId() {
        String webhook = "crm-sync-" + unique;
        String event = "evt_shared_" + unique;
        assertThat(admin.post("/v1/webhooks", webhookBody(webhook, workspaceB, "b-value")).status()).isEqualTo(201);
        assertThat(admin.delete("/v1/webhooks/" + webhook).status()).isEqualTo(204);
        // Recorded after the delete: a delivery that was in flight, or the history read again at a restart.
        writeAttempt(webhook, workspaceB, event, "workspace B's response");
        assertThat(admin.post("/v1/webhooks", webhookBody(webhook, workspaceA, "a-value")).status()).isEqualTo(201);
        writeAttempt(webhook, workspaceA, event, "workspace A's response");
        await().atMost(WAIT).until(() -> admin.get("/v1/events/" + event + "/attempts").json().get("data").size() == 2);
        ApiClient tokenA = server.api(server.issueToken(workspaceA, "read").secret());
        ApiClient tokenB = server.api(server.issueToken(workspaceB, "read").secret());

        for (ApiClient caller : List.of(tokenA, admin)) {
            JsonNode attempts = caller.get("/v1/webhooks/" + webhook + "/attempts").json().get("data");
            assertThat(attempts).extracting(attempt -> attempt.get("workspaceId").textValue()).containsExactly(workspaceA);
            assertThat(caller.get("/v1/webhooks/" + webhook + "/stats").json().get("attempts").longValue()).isEqualTo(1);
        }
        assertThat(tokenA.get("/v1/events/" + event + "/attempts").json().get("data"))
                .extracting(attempt -> attempt.get("responseBody").textValue())
                .containsExactly("workspace A's response");
        assertThat(tokenB.get("/v1/events/" + event + "/attempts").json().get("data"))
                .extracting(attempt -> attempt.get("responseBody").textValue())
                .containsExactly("workspace B's response");
    }

    private static String webhookBody(String id, String workspace, String headerValue) {
        return Json.toString(Map.of("id", id, "workspaceId", workspace, "url", "https://example.com/hooks",
                "events", List.of("task.*"), "headers", Map.of(HEADER, headerValue)));
    }

    private static Subscription copy(Subscription s, String workspace, String headerValue, String description,
                                     long version) {
        return new Subscription(s.id(), workspace, s.url(), s.events(), Map.of(HEADER, headerValue), s.secret(),
                s.enabled(), description, s.rateLimitPerSecond(), s.createdAt(), Instant.now(), s.retiringSecrets(),
                version, s.disabledReason(), s.ordering(), s.onFailure(), s.clientCertificate(), s.oauth2());
    }

    private void writeSubscription(Subscription subscription) throws ExecutionException, InterruptedException {
        byte[] value = SubscriptionCodec.from(server.config()).encode(subscription);
        producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, subscription.id(), value)).get();
    }

    private void writeAttempt(String webhook, String workspace, String event, String responseBody) {
        DeliveryAttempt attempt = new DeliveryAttempt(webhook, workspace, event, "task.created", 1, Instant.now(),
                DeliveryAttempt.DELIVERED, 200, null, 12, responseBody, 0, null);
        producer.send(new ProducerRecord<>(Topics.DELIVERY_ATTEMPTS, webhook,
                new JsonSerde<>(DeliveryAttempt.class).serialize(Topics.DELIVERY_ATTEMPTS, attempt)));
        producer.flush();
    }

    /** On the view's thread: bounded, so that a failed test cannot stop the shared server's view for good. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
