package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Webhooks written to the subscriptions topic without the API's checks (older records, other writers): a custom
 * header that HTTP cannot carry as it is refuses the attempt, never goes out altered.
 */
class SendTimeHeaderCheckIT {

    private static DelivererHarness harness;
    private final RecordingReceiver receiver = RecordingReceiver.start();

    @BeforeAll
    static void startDeliverer() {
        harness = DelivererHarness.start(Map.of());
    }

    @AfterAll
    static void stopDeliverer() {
        harness.close();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("X-Custom", "a\u010D\u010AX-Evil: 1", "not allowed in a header"),
                Arguments.of("X-Custom", "ok\r\nX-Evil: 1", "not allowed in a header"),
                Arguments.of("X-Custom", "caf\u00e9", "not allowed in a header"),
                Arguments.of("X-Custom", "trailing ", "whitespace"),
                Arguments.of("Webhook-Signature", "v1,forged", "set by the platform"),
                Arguments.of("Content-Length", "1", "set by the platform"),
                Arguments.of("X Spaced", "value-of-a-bad-name", "not a valid header name"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badHeaders")
    void shouldRefuseTheAttemptRatherThanSendAnAlteredHeader(String name, String value, String problem) {
        Subscription webhook = harness.createWebhook(receiver.url("/hook"), Map.of(name, value), null);

        harness.deliver(webhook.id());

        await().until(() -> !harness.deadLetters(webhook.id()).isEmpty());
        ConsumerRecord<String, byte[]> dead = harness.deadLetters(webhook.id()).get(0);
        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("endpoint_refused");
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).as("the refused attempt").isEqualTo("1");
        assertThat(header(dead, DeliveryHeaders.LAST_ERROR)).contains(problem).contains("header")
                .doesNotContain(value);
        await().during(Duration.ofSeconds(1)).until(() -> receiver.received().isEmpty());
    }

    @Test
    void shouldSendAValidHeaderExactlyAsWritten() {
        Subscription webhook = harness.createWebhook(receiver.url("/hook"),
                Map.of("Authorization", "Bearer a=b ~c!", "X-Empty", ""), null);

        harness.deliver(webhook.id());

        await().until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received().get(0).header("Authorization")).isEqualTo("Bearer a=b ~c!");
    }
}
