package com.chatplugify.webhooks.app.jmh;

import com.chatplugify.webhooks.app.bench.drive.BenchEvents;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The records the micro-benchmarks work on: the bench's own event, as the pipeline carries it. */
final class Samples {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private Samples() {
    }

    static Event event() {
        return new JsonSerde<>(Event.class).deserialize("sample", BenchEvents.sample(1));
    }

    static Delivery delivery() {
        Event event = event();
        return new Delivery("webhook_01HZX3K9QW8V2N5T7R4M6B1C0D", event.workspaceId(), event);
    }

    /** A webhook of the sample's workspace with the given filters. */
    static Subscription subscription(String id, String workspaceId, List<String> events) {
        Instant created = Instant.parse("2024-01-15T10:30:00Z");
        return new Subscription(id, workspaceId, "https://example.com/hooks/" + id, events,
                Map.of("Authorization", "Bearer s3cr3t"), SECRET, true, "sample", null, created, created, List.of());
    }
}
