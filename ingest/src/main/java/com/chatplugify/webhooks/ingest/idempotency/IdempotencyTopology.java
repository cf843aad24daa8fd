package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The owners of the idempotency keys as a Kafka Streams topology: {@code chatplugify.idempotency-requests} (key =
 * the key's record key) through {@link KeyOwnerProcessor}, which keeps each key in a store backed by a compacted
 * changelog topic, to {@code chatplugify.idempotency-results} (key = the request id).
 */
public final class IdempotencyTopology {

    static final String KEYS_STORE = "idempotency-keys";
    static final String EXPIRIES_STORE = "idempotency-expiries";
    private static final String SOURCE = "idempotency-requests";
    private static final String OWNER = "idempotency-owner";
    private static final String SINK = "idempotency-results";

    private IdempotencyTopology() {
    }

    public static Topology build(Clock clock) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), new JsonSerde<>(ClaimCommand.class),
                Topics.IDEMPOTENCY_REQUESTS);
        topology.addProcessor(OWNER, () -> new KeyOwnerProcessor(new ClaimDecider(), clock), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KEYS_STORE),
                Serdes.String(), new JsonSerde<>(KeyRecord.class)), OWNER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRIES_STORE),
                Serdes.String(), Serdes.String()), OWNER);
        topology.addSink(SINK, Topics.IDEMPOTENCY_RESULTS, Serdes.String().serializer(),
                new JsonSerde<>(ClaimResult.class), OWNER);
        return topology;
    }
}
