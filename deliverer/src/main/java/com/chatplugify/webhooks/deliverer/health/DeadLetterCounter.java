package com.chatplugify.webhooks.deliverer.health;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each webhook's dead letters and, once per window (wall-clock time, so a quiet topic still reports), writes
 * one {@code delivery.dead_lettered} event per webhook that had any, with the count by reason: an endpoint that
 * dead-letters thousands of deliveries makes one event a window, not thousands. The counts live in a store with a
 * changelog, so a restart or a move to another instance neither loses nor repeats them.
 */
final class DeadLetterCounter implements Processor<String, byte[], String, byte[]> {

    private final HealthOptions options;
    private final OperationalEventMetrics metrics;
    private final JsonSerde<OperationalEvent> events = new JsonSerde<>(OperationalEvent.class);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, DeadLetterTally> store;

    DeadLetterCounter(HealthOptions options, OperationalEventMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(HealthTopology.DEAD_LETTER_TALLIES);
        context.schedule(options.deadLetterWindow(), PunctuationType.WALL_CLOCK_TIME, this::report);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        DeliveryHeaders headers = DeliveryHeaders.readFrom(record.headers());
        String reason = headers.reason() == null ? "unknown" : headers.reason();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        DeadLetterTally tally = store.get(record.key());
        store.put(record.key(), tally == null
                ? DeadLetterTally.first(workspaceOf(record.value()), reason, at)
                : tally.plus(reason, at));
    }

    private void report(long now) {
        List<KeyValue<String, DeadLetterTally>> due = new ArrayList<>();
        try (KeyValueIterator<String, DeadLetterTally> all = store.all()) {
            all.forEachRemaining(due::add);
        }
        for (KeyValue<String, DeadLetterTally> entry : due) {
            DeadLetterTally tally = entry.value;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", tally.count());
            data.put("reasons", tally.reasons());
            data.put("from", tally.from().toString());
            data.put("to", tally.to().toString());
            OperationalEvent event = OperationalEvent.of(OperationalEvent.DELIVERY_DEAD_LETTERED,
                    Instant.ofEpochMilli(now), tally.workspaceId(), entry.key, data);
            context.forward(new Record<>(entry.key, events.serialize(Topics.OPERATIONAL_EVENTS, event), now),
                    HealthTopology.EVENTS_SINK);
            metrics.written(event);
            store.delete(entry.key);
        }
    }

    /** The workspace of a dead-lettered delivery, or null when its value cannot tell (an unreadable delivery). */
    private static String workspaceOf(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode workspace = Json.mapper().readTree(value).path("workspaceId");
            return workspace.isTextual() ? workspace.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
