package com.chatplugify.webhooks.deliverer.health;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The health watch: the subscriptions and the delivery history (key = webhookId, co-partitioned) into
 * {@link HealthTracker}, which writes {@code webhook.failing} and {@code webhook.recovered} and asks the
 * subscriptions' owner for auto-disables; the dead-letter topic into {@link DeadLetterCounter}, which writes
 * {@code delivery.dead_lettered} once per window. Store names are part of a deployed watch's state: keep them.
 */
public final class HealthTopology {

    static final String WEBHOOK_HEALTH = "webhook-health";
    static final String DEAD_LETTER_TALLIES = "dead-letter-tallies";
    static final String EVENTS_SINK = "operational-events";
    static final String COMMANDS_SINK = "subscription-commands";

    private HealthTopology() {
    }

    public static Topology build(HealthOptions options, CommandCodec commands, OperationalEventMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource("subscriptions", new StringDeserializer(), new ByteArrayDeserializer(), Topics.SUBSCRIPTIONS);
        topology.addSource("attempts", new StringDeserializer(), new ByteArrayDeserializer(), Topics.DELIVERY_ATTEMPTS);
        topology.addSource("dead-letters", new StringDeserializer(), new ByteArrayDeserializer(), Topics.DLQ);
        topology.addProcessor("track-health", () -> new HealthTracker(options, commands, metrics),
                "subscriptions", "attempts");
        topology.addProcessor("count-dead-letters", () -> new DeadLetterCounter(options, metrics), "dead-letters");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WEBHOOK_HEALTH),
                Serdes.String(), new JsonSerde<>(WebhookHealth.class)), "track-health");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEAD_LETTER_TALLIES),
                Serdes.String(), new JsonSerde<>(DeadLetterTally.class)), "count-dead-letters");
        topology.addSink(EVENTS_SINK, Topics.OPERATIONAL_EVENTS, new StringSerializer(), new ByteArraySerializer(),
                "track-health", "count-dead-letters");
        topology.addSink(COMMANDS_SINK, Topics.SUBSCRIPTION_COMMANDS, new StringSerializer(), new ByteArraySerializer(),
                "track-health");
        return topology;
    }
}
