package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.BrokenProxy;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.deliverer.testing.TestConnectProxy;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A running deliverer with {@code delivery.proxy} set: every delivery tunnels through the proxy (a real CONNECT proxy
 * on 127.0.0.1), and one the proxy does not carry fails with the proxy named, never going to the receiver directly.
 */
class EgressProxyIT {

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final TestConnectProxy proxy = TestConnectProxy.start();
    private DelivererHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        proxy.close();
        receiver.close();
    }

    @Test
    void shouldDeliverThroughTheConfiguredProxy() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.PROXY, proxy.url()));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        String eventId = harness.deliver(webhook.id());

        await().until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/hook");
            assertThat(request.header("webhook-id")).isEqualTo(eventId);
        });
        assertThat(proxy.connects()).containsExactly(receiverAddress());
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
    }

    @Test
    void shouldNeverGoDirectlyWhenTheProxyRefusesTheTunnelAndSaySo() {
        proxy.refuseAll();
        harness = DelivererHarness.start(Map.of(DelivererConfig.PROXY, proxy.url()));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id());

        ConsumerRecord<String, byte[]> dead = awaitDeadLetterWithNothingReceived(webhook);
        assertThat(header(dead, DeliveryHeaders.LAST_ERROR)).isEqualTo("the egress proxy " + proxy.url()
                + " refused to tunnel to " + receiverAddress() + ": HTTP 403");
        assertThat(header(dead, DeliveryHeaders.LAST_STATUS)).isNull();
        // Every attempt asked the proxy, none went around it.
        assertThat(proxy.connects()).hasSize(4).containsOnly(receiverAddress());
    }

    @Test
    void shouldNeverGoDirectlyWhenTheProxyIsDownAndSaySo() throws Exception {
        String down = proxy.url();
        proxy.close();
        harness = DelivererHarness.start(Map.of(DelivererConfig.PROXY, down));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id());

        ConsumerRecord<String, byte[]> dead = awaitDeadLetterWithNothingReceived(webhook);
        assertThat(header(dead, DeliveryHeaders.LAST_ERROR)).contains(URI.create(down).getAuthority())
                .containsIgnoringCase("refused");
        assertThat(header(dead, DeliveryHeaders.LAST_STATUS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(BrokenProxy.Fault.class)
    void shouldNameTheProxyWhenItTakesTheConnectionButOpensNoTunnel(BrokenProxy.Fault fault) {
        try (BrokenProxy broken = new BrokenProxy(fault)) {
            harness = DelivererHarness.start(Map.of(DelivererConfig.PROXY, broken.url(),
                    DelivererConfig.TIMEOUT, "1s"));
            Subscription webhook = harness.createWebhook(receiver.url("/hook"));

            harness.deliver(webhook.id());

            ConsumerRecord<String, byte[]> dead = awaitDeadLetterWithNothingReceived(webhook);
            assertThat(header(dead, DeliveryHeaders.LAST_ERROR)).startsWith("before the route through the egress proxy "
                    + broken.url() + " to " + receiverAddress() + " was up: ");
            assertThat(broken.requests()).hasSize(4).containsOnly("CONNECT " + receiverAddress() + " HTTP/1.1");
        }
    }

    /** Waits for the delivery's four attempts to end in the dead-letter topic while the receiver gets nothing. */
    private ConsumerRecord<String, byte[]> awaitDeadLetterWithNothingReceived(Subscription webhook) {
        // The retry tiers (200 ms, 400 ms, 800 ms) all pass within this window.
        await("nothing reaches the receiver directly").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received().isEmpty());
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> harness.deadLetters(webhook.id()), records -> !records.isEmpty());
        assertThat(receiver.received()).isEmpty();
        assertThat(header(dead.get(0), DeliveryHeaders.REASON)).isEqualTo("retries_exhausted");
        assertThat(header(dead.get(0), DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
        return dead.get(0);
    }

    private String receiverAddress() {
        return URI.create(receiver.url("/hook")).getAuthority();
    }
}
