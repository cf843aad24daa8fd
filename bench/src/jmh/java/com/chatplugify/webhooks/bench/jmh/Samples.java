package com.chatplugify.webhooks.bench.jmh;

import com.chatplugify.webhooks.bench.drive.BenchEvents;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;

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
}
