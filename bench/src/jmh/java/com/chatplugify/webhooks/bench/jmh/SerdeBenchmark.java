package com.chatplugify.webhooks.bench.jmh;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventValidator;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** JSON of the records on the hot path: events read by the router, deliveries written by it and read by the deliverer. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private final JsonSerde<Event> events = new JsonSerde<>(Event.class);
    private final JsonSerde<Delivery> deliveries = new JsonSerde<>(Delivery.class);
    private Event event;
    private Delivery delivery;
    private byte[] eventJson;
    private byte[] deliveryJson;
    private Instant now;

    @Setup
    public void setUp() {
        event = Samples.event();
        delivery = Samples.delivery();
        eventJson = events.serialize("t", event);
        deliveryJson = deliveries.serialize("t", delivery);
        now = event.timestamp();
    }

    @Benchmark
    public byte[] serializeEvent() {
        return events.serialize("t", event);
    }

    @Benchmark
    public Event deserializeEvent() {
        return events.deserialize("t", eventJson);
    }

    /** What the router does with each raw event record: parse and validate it. */
    @Benchmark
    public EventValidator.Result validateEvent() {
        return EventValidator.validate(eventJson, () -> "unused", () -> null, now);
    }

    @Benchmark
    public byte[] serializeDelivery() {
        return deliveries.serialize("t", delivery);
    }

    @Benchmark
    public Delivery deserializeDelivery() {
        return deliveries.deserialize("t", deliveryJson);
    }
}
