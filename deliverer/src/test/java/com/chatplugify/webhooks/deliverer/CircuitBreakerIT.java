package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An endpoint whose circuit opens after two failures in a row. */
class CircuitBreakerIT {

    /** Long enough that the breaker cannot half-open while the test counts what it let through, on a busy machine. */
    private static final String OPEN_FOR = "10s";

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.BREAKER_FAILURE_THRESHOLD, "2",
                DelivererConfig.BREAKER_OPEN_DURATION, OPEN_FOR));
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldSkipTheNetworkWhileOpenWithoutUsingUpRetriesAndCloseOnASuccessfulProbe() {
        receiver.answer(request -> Reply.status(500));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        Set<String> events = new HashSet<>();
        events.add(harness.deliver(webhook.id()));
        events.add(harness.deliver(webhook.id()));
        await().until(() -> harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN) == 1);
        assertThat(receiver.received()).hasSize(2);

        for (int i = 0; i < 3; i++) {
            events.add(harness.deliver(webhook.id()));
        }
        await().until(() -> harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "circuit_open") >= 3);
        assertThat(receiver.received()).hasSize(2);

        receiver.answer(request -> Reply.status(200));
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet())
                .containsAll(events));
        assertThat(harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN)).isZero();
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldCloseTheCircuitAtOnceWhenTheWebhooksUrlChanges() {
        receiver.answer(request -> request.path().equals("/broken") ? Reply.status(500) : Reply.status(200));
        Subscription webhook = harness.createWebhook(receiver.url("/broken"));
        harness.deliver(webhook.id());
        harness.deliver(webhook.id());
        await().until(() -> harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN) == 1);
        Instant opened = Instant.now();

        harness.put(new Subscription(webhook.id(), webhook.workspaceId(), receiver.url("/fixed"), webhook.events(),
                webhook.headers(), webhook.secret(), true, null, null, webhook.createdAt(), Instant.now(), null,
                webhook.version() + 1, null, null, null, null, null));
        String event = harness.deliver(webhook.id());

        await().until(() -> receiver.received().stream()
                .anyMatch(r -> r.path().equals("/fixed") && event.equals(r.header("webhook-id"))));
        assertThat(Duration.between(opened, Instant.now())).as("sooner than the old URL's circuit would half-open")
                .isLessThan(Duration.parse("PT" + OPEN_FOR));
        assertThat(harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN)).isZero();
    }
}
