package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A retry tier topic deleted under a running deliverer: moving a failed delivery there fails again and again, which
 * {@code webhook.outcome.write.failures} counts under the tier's topic while the retry is not counted as scheduled;
 * once the topic is back the move succeeds and the delivery is delivered, nothing lost.
 */
class OutcomeWriteFailureIT {

    private static final String TIER_1 = Topics.retryTier(1);

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @AfterEach
    void stop() {
        try {
            harness.createMissingTopics();
        } finally {
            harness.close();
            receiver.close();
        }
    }

    @Test
    void shouldCountFailedWritesToADeletedTierAndDeliverOnceItIsBack() {
        // Give up on a missing topic's metadata after 1 s (60 s by default), and see the topic again within 2 s.
        harness = DelivererHarness.start(Map.of("kafka.max.block.ms", "1000", "kafka.metadata.max.age.ms", "2000"));
        receiver.answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        assertThat(failedWrites()).isZero();
        harness.deleteTopic(TIER_1);

        String eventId = harness.deliver(webhook.id());

        await().atMost(Duration.ofSeconds(60)).until(() -> failedWrites() >= 2);
        assertThat(harness.count(WebhookMetrics.RETRIES_SCHEDULED, "tier", "1")).isZero();
        receiver.answer(request -> Reply.status(200));
        harness.createMissingTopics();
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received().stream()
                .filter(r -> eventId.equals(r.header("webhook-id"))).count() == 2);
        assertThat(harness.count(WebhookMetrics.RETRIES_SCHEDULED, "tier", "1")).isEqualTo(1);
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    private double failedWrites() {
        return harness.count(WebhookMetrics.OUTCOME_WRITE_FAILURES, "topic", TIER_1);
    }
}
