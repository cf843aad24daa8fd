package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.deliverer.testing.KeepAliveReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two webhooks whose endpoints are on one server (the same address, host and port): one of them answers with bytes
 * beyond its {@code Content-Length}, which stay on the connection they came on. The other webhook's deliveries must
 * not be read behind those bytes.
 */
class SharedServerIsolationIT {

    private static final String OVERRUN = "/overrun";
    private static final String CORRECT = "/correct";
    private static final String STRAY = "GARBAGE-AFTER";
    private static final int ROUNDS = 3;

    private final JsonSerde<DeliveryAttempt> attempts = new JsonSerde<>(DeliveryAttempt.class);

    @Test
    void shouldDeliverOnceOnTheFirstAttemptWithoutTheStrayBytesWhenAnotherWebhookOnTheServerSendsBytesBeyondItsBody() {
        try (KeepAliveReceiver receiver = new KeepAliveReceiver(Map.of(
                OVERRUN, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok" + STRAY,
                CORRECT, KeepAliveReceiver.OK));
             DelivererHarness harness = DelivererHarness.start(Map.of())) {
            Subscription overrunning = harness.createWebhook(receiver.url(OVERRUN));
            Subscription correct = harness.createWebhook(receiver.url(CORRECT));

            // One after the other, so that a connection shared by the two would be idle, stray bytes and all, when
            // the correct webhook's delivery is sent.
            List<String> events = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                String overrunEvent = harness.deliver(overrunning.id());
                await("the overrunning webhook's attempt of round " + round).atMost(Duration.ofSeconds(30))
                        .until(() -> history(harness, overrunning.id()).stream()
                                .anyMatch(attempt -> attempt.eventId().equals(overrunEvent)));
                String event = harness.deliver(correct.id());
                events.add(event);
                await("the correct webhook's attempt of round " + round).atMost(Duration.ofSeconds(30))
                        .until(() -> history(harness, correct.id()).stream()
                                .anyMatch(attempt -> attempt.eventId().equals(event)));
            }

            await("no second request reaches the correct webhook's receiver").atMost(Duration.ofSeconds(10))
                    .during(Duration.ofSeconds(2)).until(() -> receiver.received(CORRECT), received -> received == ROUNDS);
            List<DeliveryAttempt> history = history(harness, correct.id());
            assertThat(history).extracting(DeliveryAttempt::eventId).containsExactlyElementsOf(events);
            assertThat(history).noneMatch(attempt -> String.valueOf(attempt.error()).contains(STRAY)
                    || String.valueOf(attempt.responseBody()).contains(STRAY));
            assertThat(history).allSatisfy(attempt -> {
                assertThat(attempt.attempt()).isEqualTo(1);
                assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.DELIVERED);
                assertThat(attempt.error()).isNull();
                assertThat(attempt.responseBody()).isEqualTo("ok");
            });
            assertThat(harness.records(Topics.retryTier(1), correct.id())).isEmpty();
        }
    }

    private List<DeliveryAttempt> history(DelivererHarness harness, String webhookId) {
        return harness.records(Topics.DELIVERY_ATTEMPTS, webhookId).stream()
                .map(record -> attempts.deserialize(Topics.DELIVERY_ATTEMPTS, record.value())).toList();
    }
}
