package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery that cannot be moved on because the broker would never take the write (here: larger than the producer
 * may send) stops its deliverer, reported as not ready and not live, rather than being tried forever; its offset is
 * never committed, so the next deliverer delivers it.
 */
class PermanentWriteFailureIT {

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldStopTheDelivererAndLeaveTheDeliveryToItsNextOwner() {
        harness = DelivererHarness.start(Map.of());
        receiver.answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        HealthChecks health = new HealthChecks();
        DelivererRole small = harness.startDeliverer(Map.of("kafka.max.request.size", "100"), health);
        harness.stop(harness.deliverers().get(0));
        await().until(small::assigned);

        String eventId = harness.deliver(webhook.id());

        await().until(() -> !health.health().ok());
        assertThat(health.readiness().ok()).isFalse();
        assertThat(health.health().toString()).contains("chatplugify.deliveries.retry-1");
        assertThat(receiver.received()).hasSize(1);

        receiver.answer(request -> Reply.status(200));
        harness.stop(small);
        harness.startDeliverer();
        // The first attempt's failure was never moved on, nor committed: the new owner attempts it again.
        await().until(() -> receiver.received().stream().filter(r -> eventId.equals(r.header("webhook-id"))).count() == 2);
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }
}
