package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A deliverer with the default safety settings for addresses: only public ones. */
class SsrfGuardIT {

    private static final JsonSerde<DeliveryAttempt> ATTEMPTS = new JsonSerde<>(DeliveryAttempt.class);

    private static DelivererHarness harness;
    private final RecordingReceiver receiver = RecordingReceiver.start();

    @BeforeAll
    static void startDeliverer() {
        harness = DelivererHarness.start(Map.of(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES, "false"));
    }

    @AfterAll
    static void stopDeliverer() {
        harness.close();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldRefuseAHostnameThatResolvesToLoopback() {
        ConsumerRecord<String, byte[]> dead = deliverTo(receiver.url("/hook").replace("127.0.0.1", "localhost"));

        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("endpoint_refused");
        assertThat(header(dead, DeliveryHeaders.LAST_ERROR)).contains("localhost")
                .contains("resolves to a private or reserved address").doesNotContain("127.0.0.1");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldCountARefusedAttemptInItsDeadLetterAsTheDeliveryHistoryDoes() {
        ConsumerRecord<String, byte[]> dead = deliverTo(receiver.url("/hook").replace("127.0.0.1", "localhost"));
        String webhookId = dead.key();

        await().until(() -> !harness.records(Topics.DELIVERY_ATTEMPTS, webhookId).isEmpty());
        List<DeliveryAttempt> history = harness.records(Topics.DELIVERY_ATTEMPTS, webhookId).stream()
                .map(record -> ATTEMPTS.deserialize(record.topic(), record.value())).toList();
        assertThat(history).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.REFUSED);
            assertThat(attempt.attempt()).isEqualTo(1);
        });
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
    }

    @Test
    void shouldRefuseALoopbackAddress() {
        ConsumerRecord<String, byte[]> dead = deliverTo(receiver.url("/hook"));

        assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("endpoint_refused");
        assertThat(receiver.received()).isEmpty();
    }

    private ConsumerRecord<String, byte[]> deliverTo(String url) {
        Subscription webhook = harness.createWebhook(url);
        harness.deliver(webhook.id());
        await().until(() -> !harness.deadLetters(webhook.id()).isEmpty());
        return harness.deadLetters(webhook.id()).get(0);
    }
}
