package com.chatplugify.webhooks.deliverer.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.JsonSerde;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthStoreTest {

    private final AtomicInteger decoded = new AtomicInteger();
    private KeyValueStore<String, WebhookHealth> store;
    private HealthStore health;

    @BeforeEach
    void setUp() {
        JsonSerde<WebhookHealth> json = new JsonSerde<>(WebhookHealth.class);
        Serde<WebhookHealth> counting = Serdes.serdeFrom(json, (topic, bytes) -> {
            decoded.incrementAndGet();
            return json.deserialize(topic, bytes);
        });
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HealthTopology.WEBHOOK_HEALTH),
                Serdes.String(), counting).withLoggingDisabled().build();
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        health = new HealthStore(store);
    }

    @Test
    void shouldDecodeAWebhooksHealthOnceWhileItIsKept() {
        store.put("wh_1", healthy("wh_1"));

        assertThat(health.get("wh_1")).isEqualTo(healthy("wh_1"));
        assertThat(health.get("wh_1")).isEqualTo(healthy("wh_1"));
        assertThat(decoded).hasValue(1);
    }

    @Test
    void shouldWriteThroughToTheStore() {
        WebhookHealth failing = healthy("wh_1").withStreak(FailureStreak.startedBy(Instant.EPOCH, 500, "HTTP 500"));
        health.put("wh_1", healthy("wh_1"));
        health.put("wh_1", failing);

        assertThat(store.get("wh_1")).isEqualTo(failing);
        assertThat(health.get("wh_1")).isEqualTo(failing);

        health.delete("wh_1");
        assertThat(store.get("wh_1")).isNull();
        assertThat(health.get("wh_1")).isNull();
    }

    @Test
    void shouldReadWebhooksNoLongerKeptDecodedFromTheStore() {
        int webhooks = HealthStore.DECODED_WEBHOOKS + 10;
        for (int i = 0; i < webhooks; i++) {
            health.put("wh_" + i, healthy("wh_" + i));
        }
        decoded.set(0);

        assertThat(health.get("wh_0")).isEqualTo(healthy("wh_0"));
        assertThat(health.get("wh_" + (webhooks - 1))).isEqualTo(healthy("wh_" + (webhooks - 1)));
        assertThat(decoded).hasValue(1);
    }

    private static WebhookHealth healthy(String webhookId) {
        return new WebhookHealth("ws_1", 3, true, "https://example.com/" + webhookId, null);
    }
}
