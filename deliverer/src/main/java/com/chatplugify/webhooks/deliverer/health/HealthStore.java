package com.chatplugify.webhooks.deliverer.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The watch's {@link WebhookHealth} store of one task, with the values most recently used kept decoded in front of
 * it and written through. Streams' own cache holds values serialized, so without this every attempt decoded its
 * webhook's JSON once more: 18 of the watch thread's 97 execution samples in a profile of the bench's
 * {@code deliverer} alone, 1 of 83 with it. Only the task's {@link HealthTracker} writes the store, and it makes a
 * new one whenever Streams initializes the task (after a restore too), so what is kept decoded is never stale.
 */
final class HealthStore {

    static final int DECODED_WEBHOOKS = 4096;

    private final KeyValueStore<String, WebhookHealth> store;
    private final Map<String, WebhookHealth> decoded = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WebhookHealth> eldest) {
            return size() > DECODED_WEBHOOKS;
        }
    };

    HealthStore(KeyValueStore<String, WebhookHealth> store) {
        this.store = store;
    }

    /** The webhook's health, or null when it is not a webhook the watch follows. */
    WebhookHealth get(String webhookId) {
        WebhookHealth health = decoded.get(webhookId);
        if (health == null) {
            health = store.get(webhookId);
            if (health != null) {
                decoded.put(webhookId, health);
            }
        }
        return health;
    }

    void put(String webhookId, WebhookHealth health) {
        store.put(webhookId, health);
        decoded.put(webhookId, health);
    }

    void delete(String webhookId) {
        store.delete(webhookId);
        decoded.remove(webhookId);
    }
}
