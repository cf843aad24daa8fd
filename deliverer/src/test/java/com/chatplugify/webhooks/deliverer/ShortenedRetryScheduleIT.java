package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code delivery.retry.delays} shortened from three entries to two: what waits in {@code retry-3}, which the schedule
 * no longer names, is delivered when due or dead-lettered as the current schedule says, never stranded.
 */
class ShortenedRetryScheduleIT {

    private static final String DROPPED_TIER = Topics.retryTier(3);

    private DelivererHarness harness;
    private final List<RecordingReceiver> receivers = new ArrayList<>();

    /** A deliverer ran with three tiers: retry-3 exists, as it does on a cluster where the schedule was longer. */
    @BeforeAll
    static void runWithThreeTiersFirst() {
        DelivererHarness.start(Map.of(CommonConfig.DELIVERY_RETRY_DELAYS, "200ms,400ms,800ms")).close();
    }

    @BeforeEach
    void startWithTwoTiers() {
        harness = DelivererHarness.start(Map.of(CommonConfig.DELIVERY_RETRY_DELAYS, "200ms,3s"));
    }

    @AfterEach
    void stop() {
        harness.close();
        receivers.forEach(RecordingReceiver::close);
    }

    @Test
    void shouldDeliverWhatWaitsInADroppedTierWhenTheDelivererStarts() {
        RecordingReceiver receiver = receiver(200);
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        // Stopped cleanly, the first deliverer has committed its place in retry-3; the next one starts from there.
        harness.stop(harness.deliverers().get(0));
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(waitInDroppedTier(webhook, 3, Instant.now().plusMillis(300)));
        }

        harness.startDeliverer();

        await().until(() -> receiver.received().size() == 3);
        await().during(Duration.ofSeconds(1)).until(() -> receiver.received().size() == 3);
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactlyInAnyOrderElementsOf(waiting);
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldDeadLetterAsRetriesExhaustedWhatFailsAgainAfterWaitingInADroppedTier() {
        RecordingReceiver receiver = receiver(500);
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        String eventId = waitInDroppedTier(webhook, 3, Instant.now().plusMillis(300));

        await().until(() -> harness.deadLetters(webhook.id()).size() == 1);
        ConsumerRecord<String, byte[]> dead = harness.deadLetters(webhook.id()).get(0);
        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("retries_exhausted");
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(dead, DeliveryHeaders.ORIGIN_TOPIC)).isEqualTo(DROPPED_TIER);
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(eventId);
    }

    @Test
    void shouldReportTheBacklogOfADroppedTierWhileItHoldsRecords() {
        RecordingReceiver receiver = receiver(200);
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        // Due within the longest delay (3s), so held without being put back meanwhile.
        waitInDroppedTier(webhook, 1, Instant.now().plusSeconds(2));
        waitInDroppedTier(webhook, 1, Instant.now().plusSeconds(2));

        await().until(() -> droppedTierBacklog() == 2);
        await().until(() -> receiver.received().size() == 2);
        await().until(() -> droppedTierBacklog() == 0);
    }

    /** A delivery as the three-tier deliverer left it in retry-3: {@code attempts} made, due at {@code dueAt}. */
    private String waitInDroppedTier(Subscription webhook, int attempts, Instant dueAt) {
        return harness.deliverTo(DROPPED_TIER, webhook.id(), null, null, Map.of(
                DeliveryHeaders.ATTEMPTS, Integer.toString(attempts),
                DeliveryHeaders.DUE_AT, Long.toString(dueAt.toEpochMilli())));
    }

    private double droppedTierBacklog() {
        Gauge gauge = harness.registry().find(WebhookMetrics.RETRY_BACKLOG).tag("tier", "3").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private RecordingReceiver receiver(int status) {
        RecordingReceiver receiver = RecordingReceiver.start().answer(request -> Reply.status(status));
        receivers.add(receiver);
        return receiver;
    }
}
