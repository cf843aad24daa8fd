package com.chatplugify.webhooks.ingest.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.operations.OperationalEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationalEventStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldListAWebhooksAndAWorkspacesNewestEventsFirst() {
        OperationalEventStore store = new OperationalEventStore(10, 100);
        store.add(event(OperationalEvent.WEBHOOK_FAILING, "ws_1", "webhook_a", 0));
        store.add(event(OperationalEvent.WEBHOOK_FAILING, "ws_1", "webhook_b", 1));
        store.add(event(OperationalEvent.WEBHOOK_DISABLED, "ws_1", "webhook_a", 2));
        store.add(event(OperationalEvent.WEBHOOK_FAILING, "ws_2", "webhook_c", 3));

        assertThat(store.ofWebhook("webhook_a", null, 10)).extracting(OperationalEvent::event)
                .containsExactly(OperationalEvent.WEBHOOK_DISABLED, OperationalEvent.WEBHOOK_FAILING);
        assertThat(store.ofWorkspace("ws_1", 10)).extracting(OperationalEvent::webhookId)
                .containsExactly("webhook_a", "webhook_b", "webhook_a");
        assertThat(store.ofWorkspace("ws_1", 1)).extracting(OperationalEvent::webhookId).containsExactly("webhook_a");
        assertThat(store.ofWebhook("webhook_unknown", null, 10)).isEmpty();
    }

    @Test
    void shouldKeepAtMostItsBoundsPerKeyAndOfKeysForgettingTheOldestFirst() {
        OperationalEventStore store = new OperationalEventStore(5, 3);
        for (int i = 0; i < 50; i++) {
            store.add(event(OperationalEvent.DELIVERY_DEAD_LETTERED, "ws_1", "webhook_a", i));
        }
        assertThat(store.ofWebhook("webhook_a", null, 100)).hasSize(5)
                .extracting(e -> e.timestamp()).first().isEqualTo(T0.plusSeconds(49));
        for (int i = 0; i < 4; i++) {
            store.add(event(OperationalEvent.WEBHOOK_FAILING, "ws_" + i, "webhook_" + i, 100 + i));
        }
        assertThat(store.ofWebhook("webhook_a", null, 100)).as("written to longest ago").isEmpty();
        assertThat(store.ofWebhook("webhook_3", null, 100)).hasSize(1);
        assertThat(store.ofWorkspace("ws_0", 100)).as("ws_0 then ws_1 rewritten, ws_2, ws_3: ws_0 forgotten").isEmpty();
    }

    private static OperationalEvent event(String type, String workspace, String webhook, int second) {
        return OperationalEvent.of(type, T0.plusSeconds(second), workspace, webhook, Map.of());
    }
}
