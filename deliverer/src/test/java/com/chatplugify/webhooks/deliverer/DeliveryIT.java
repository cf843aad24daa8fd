package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Received;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One deliverer on the real broker, fast retry tiers (200ms, 400ms, 800ms), real receivers on 127.0.0.1. */
class DeliveryIT {

    private static final JsonSerde<SubscriptionCommand> COMMANDS = new JsonSerde<>(SubscriptionCommand.class);

    private static DelivererHarness harness;
    private final List<RecordingReceiver> receivers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void startDeliverer() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.TIMEOUT, "2s", DelivererConfig.RETRY_AFTER_MAX, "5s"));
    }

    @AfterAll
    static void stopDeliverer() {
        harness.close();
    }

    @AfterEach
    void stopReceivers() {
        release.countDown();
        receivers.forEach(RecordingReceiver::close);
    }

    @Test
    void shouldDeliverTheEventSignedSoThatTheStandardWebhooksLibraryVerifiesIt() throws Exception {
        RecordingReceiver receiver = receiver();
        Subscription webhook = harness.createWebhook(receiver.url("/hooks/crm"), Map.of("Authorization", "Bearer s3cr3t"), null);

        String eventId = harness.deliver(webhook.id());

        await().until(() -> receiver.received().size() == 1);
        Received request = receiver.received().get(0);
        assertThat(request.path()).isEqualTo("/hooks/crm");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cr3t");
        assertThat(request.header("webhook-id")).isEqualTo(eventId);
        assertThat(request.header("User-Agent")).startsWith("Chatplugify-Webhooks/");
        JsonNode body = Json.mapper().readTree(request.body());
        assertThat(body.get("id").textValue()).isEqualTo(eventId);
        assertThat(body.get("event").textValue()).isEqualTo("conversation.created");
        assertThat(body.get("webhookId").textValue()).isEqualTo(webhook.id());
        assertThat(body.get("data").get("workspaceId").textValue()).isEqualTo(DelivererHarness.WORKSPACE);
        new Webhook(webhook.secret()).verify(request.bodyText(), Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature"))));
    }

    @Test
    void shouldRetryThroughTheTiersUntilTheEndpointAnswers2xx() {
        AtomicInteger calls = new AtomicInteger();
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(calls.incrementAndGet() <= 2 ? 500 : 200));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        String eventId = harness.deliver(webhook.id());

        await().until(() -> receiver.received().size() == 3);
        List<Received> requests = receiver.received();
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        await().during(Duration.ofMillis(1500)).until(() -> receiver.received().size() == 3);
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldDeadLetterWithEveryHeaderAfterFourFailedAttempts() throws Exception {
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        String eventId = harness.deliver(webhook.id());

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(webhook.id());
        assertThat(receiver.received()).hasSize(4).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("retries_exhausted");
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(dead, DeliveryHeaders.LAST_STATUS)).isEqualTo("500");
        assertThat(header(dead, DeliveryHeaders.LAST_ERROR)).isEqualTo("HTTP 500");
        assertThat(Instant.parse(header(dead, DeliveryHeaders.FAILED_AT))).isAfter(receiver.received().get(3).at().minusSeconds(1));
        assertThat(header(dead, DeliveryHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.retryTier(3));
        assertThat(header(dead, DeliveryHeaders.ORIGIN_PARTITION)).matches("\\d+");
        assertThat(header(dead, DeliveryHeaders.ORIGIN_OFFSET)).matches("\\d+");
        assertThat(Json.mapper().readTree(new String(dead.value(), StandardCharsets.UTF_8)).get("event").get("id").textValue())
                .isEqualTo(eventId);
    }

    @Test
    void shouldCountATimeoutAsAFailedAttempt() {
        AtomicInteger calls = new AtomicInteger();
        RecordingReceiver receiver = receiver().answer(request -> {
            if (calls.incrementAndGet() == 1) {
                awaitQuietly(release);
            }
            return Reply.status(200);
        });
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id());

        // The retry arrives while the first request is still hanging: the first attempt was given up.
        await().until(() -> receiver.received().size() == 2);
        assertThat(release.getCount()).isEqualTo(1);
        await().during(Duration.ofMillis(1500)).until(() -> receiver.received().size() == 2);
    }

    @Test
    void shouldNotFollowRedirects() {
        RecordingReceiver receiver = receiver();
        receiver.answer(request -> new Reply(302, Map.of("Location", receiver.url("/elsewhere")), ""));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id());

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(webhook.id());
        assertThat(header(dead, DeliveryHeaders.LAST_STATUS)).isEqualTo("302");
        assertThat(receiver.received()).extracting(Received::path).containsOnly("/hook");
    }

    @Test
    void shouldParkWhatIsPendingAndAskTheOwnerToDisableTheVersionThatAnswered410() {
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(410));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        for (int i = 0; i < 3; i++) {
            harness.deliver(webhook.id());
        }

        await().until(() -> harness.deadLetters(webhook.id()).size() == 3);
        assertThat(harness.deadLetters(webhook.id())).extracting(r -> header(r, DeliveryHeaders.REASON))
                .containsOnly("endpoint_gone");
        List<SubscriptionCommand> commands = harness.records(Topics.SUBSCRIPTION_COMMANDS, webhook.id()).stream()
                .map(record -> COMMANDS.deserialize(record.topic(), record.value())).toList();
        assertThat(commands).isNotEmpty().allSatisfy(command -> {
            assertThat(command.kind()).isEqualTo(SubscriptionCommand.Kind.DISABLE);
            assertThat(command.ifVersion()).isEqualTo(webhook.version());
            assertThat(command.reason()).isEqualTo("endpoint_gone");
        });
        // The deliverer asks; it never writes the subscription itself.
        assertThat(harness.records(Topics.SUBSCRIPTIONS, webhook.id())).hasSize(1);
        assertThat(harness.view().get(webhook.id())).contains(webhook);
        assertThat(receiver.received()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void shouldDeliverToTheVersionOfAWebhookAfterTheOneWhoseEndpointWasGone() {
        RecordingReceiver gone = receiver().answer(request -> Reply.status(410));
        Subscription webhook = harness.createWebhook(gone.url("/hook"));
        harness.deliver(webhook.id());
        await().until(() -> harness.deadLetters(webhook.id()).size() == 1);

        RecordingReceiver moved = receiver();
        harness.put(new Subscription(webhook.id(), webhook.workspaceId(), moved.url("/new"), webhook.events(),
                webhook.headers(), webhook.secret(), true, null, null, webhook.createdAt(), Instant.now(), null,
                webhook.version() + 1, null, null, null, null, null));
        String eventId = harness.deliver(webhook.id());

        await().until(() -> moved.received().size() == 1);
        assertThat(moved.received().get(0).header("webhook-id")).isEqualTo(eventId);
        assertThat(harness.deadLetters(webhook.id())).hasSize(1);
    }

    @Test
    void shouldWaitAsLongAsRetryAfterAsks() {
        AtomicInteger calls = new AtomicInteger();
        RecordingReceiver receiver = receiver().answer(request -> calls.incrementAndGet() == 1
                ? new Reply(429, Map.of("Retry-After", "2"), "")
                : Reply.status(200));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id());

        await().until(() -> receiver.received().size() == 2);
        List<Received> requests = receiver.received();
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    }

    @Test
    void shouldParkWhatWasQueuedBeforeAWebhookWasDisabledAsGoneAndWhatCameSinceAsDisabled() {
        // Its retry comes due only once the disable below has long been read, on however busy a machine.
        RecordingReceiver receiver = receiver().answer(request -> new Reply(503, Map.of("Retry-After", "3"), ""));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        harness.deliver(webhook.id());
        await().until(() -> receiver.received().size() == 1);

        Subscription gone = webhook.disabled(DisableReason.ENDPOINT_GONE.code(), Instant.now());
        harness.put(gone);
        harness.deliver(webhook.id(), null, gone.updatedAt().minusSeconds(1), Map.of());
        harness.deliver(webhook.id());

        // The first delivery's retry and a delivery queued before the disable, both pending when the endpoint was
        // found gone; then one queued after it.
        await().until(() -> harness.deadLetters(webhook.id()).size() == 3);
        assertThat(harness.deadLetters(webhook.id()))
                .extracting(r -> header(r, DeliveryHeaders.ATTEMPTS), r -> header(r, DeliveryHeaders.REASON))
                .containsExactlyInAnyOrder(tuple("1", "endpoint_gone"), tuple("0", "endpoint_gone"),
                        tuple("0", "webhook_disabled"));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldParkTheRetriesOfAWebhookDisabledMeanwhile() {
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(503));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        harness.deliver(webhook.id());
        await().until(() -> receiver.received().size() == 1);

        harness.put(webhook.disabled("by the test", Instant.now()));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(webhook.id());
        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("webhook_disabled");
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(dead, DeliveryHeaders.LAST_STATUS)).isEqualTo("503");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldStopTheRetriesOfAWebhookDeletedMeanwhile() {
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        double droppedBefore = harness.count("webhook.deliveries.dropped", "reason", "webhook_deleted");
        harness.deliver(webhook.id());
        await().until(() -> receiver.received().size() == 1);

        harness.delete(webhook.id());

        await().until(() -> harness.count("webhook.deliveries.dropped", "reason", "webhook_deleted") > droppedBefore);
        assertThat(receiver.received()).hasSize(1);
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldNeverDeliverAnEventToAWebhookMovedToAnotherWorkspaceMeanwhile() {
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        double droppedBefore = harness.count("webhook.deliveries.dropped", "reason", "webhook_moved");
        harness.deliver(webhook.id());
        await().until(() -> receiver.received().size() == 1);

        harness.put(new Subscription(webhook.id(), "ws_elsewhere", webhook.url(), webhook.events(), webhook.headers(),
                webhook.secret(), true, null, null, webhook.createdAt(), Instant.now(), null,
                webhook.version() + 1, null, null, null, null, null));

        await().until(() -> harness.count("webhook.deliveries.dropped", "reason", "webhook_moved") > droppedBefore);
        assertThat(receiver.received()).hasSize(1);
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldSendRetriesToTheWebhooksNewUrl() {
        // Retry-After holds the retry for 5 s (the longest allowed here), time enough for the change to be read.
        RecordingReceiver old = receiver().answer(request -> new Reply(500, Map.of("Retry-After", "5"), ""));
        RecordingReceiver moved = receiver();
        Subscription webhook = harness.createWebhook(old.url("/hook"));
        String eventId = harness.deliver(webhook.id());
        await().until(() -> old.received().size() == 1);

        harness.put(new Subscription(webhook.id(), webhook.workspaceId(), moved.url("/new"), webhook.events(),
                Map.of("X-Moved", "yes"), webhook.secret(), true, null, null, webhook.createdAt(), Instant.now(), null,
                webhook.version() + 1, null, null, null, null, null));

        await().until(() -> moved.received().size() == 1);
        assertThat(moved.received().get(0).header("webhook-id")).isEqualTo(eventId);
        assertThat(moved.received().get(0).header("X-Moved")).isEqualTo("yes");
        assertThat(old.received()).hasSize(1);
    }

    @Test
    void shouldKeepToTheWebhooksRateLimit() {
        RecordingReceiver receiver = receiver();
        Subscription webhook = harness.createWebhook(receiver.url("/hook"), Map.of(), 2);

        for (int i = 0; i < 6; i++) {
            harness.deliver(webhook.id());
        }

        await().until(() -> receiver.received().size() == 6);
        List<Received> requests = receiver.received();
        assertThat(Duration.between(requests.get(0).at(), requests.get(5).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldTreatAReplayAsFreshAndCarryWhereItCameFrom() {
        RecordingReceiver receiver = receiver().answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id(), null, Map.of(DeliveryHeaders.REPLAY_OF, "2-17", DeliveryHeaders.REASON, "retries_exhausted"));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(webhook.id());
        assertThat(receiver.received()).hasSize(4);
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(dead, DeliveryHeaders.REPLAY_OF)).isEqualTo("2-17");
        assertThat(dead.headers().headers(DeliveryHeaders.REASON)).hasSize(1);
    }

    @Test
    void shouldDeadLetterARecordThatIsNotADelivery() {
        String key = "webhook_unreadable_" + System.nanoTime();

        harness.deliverRaw(key, "{not json".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("unreadable_delivery");
        assertThat(header(dead, DeliveryHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.DELIVERIES);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String webhookId) {
        await().until(() -> !harness.deadLetters(webhookId).isEmpty());
        return harness.deadLetters(webhookId).get(0);
    }

    private RecordingReceiver receiver() {
        RecordingReceiver receiver = RecordingReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
