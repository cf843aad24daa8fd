package com.chatplugify.webhooks.ingest.operations;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.ReadFrom;
import com.chatplugify.webhooks.common.kafka.RecordValues;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What an ingest instance knows of {@code chatplugify.operational-events}: the topic read from {@link #LOOKBACK}
 * ago, every partition, without a consumer group, into a bounded {@link OperationalEventStore}.
 */
public final class OperationalEventLog {

    /** How far back an instance reads at start-up. */
    public static final Duration LOOKBACK = Duration.ofDays(7);
    /** Events kept per webhook and per workspace. */
    public static final int PER_KEY = 100;
    /** Webhooks (and workspaces) with events kept. */
    public static final int MAX_KEYS = 10_000;

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private OperationalEventLog() {
    }

    /** A reader filling {@code store}, not yet started. */
    public static TopicReader reader(WebhooksConfig config, OperationalEventStore store, Clock clock) {
        return new TopicReader("operational-events", "Operational events",
                new KafkaConsumer<>(KafkaClients.consumer(config, null, "operational-events"),
                        new StringDeserializer(), new ByteArrayDeserializer()),
                ReadFrom.time(Topics.OPERATIONAL_EVENTS, () -> clock.instant().minus(LOOKBACK)), POLL_TIMEOUT,
                new RecordValues<>(new JsonSerde<>(OperationalEvent.class), (record, event) -> store.add(event)));
    }

    public static OperationalEventStore store() {
        return new OperationalEventStore(PER_KEY, MAX_KEYS);
    }
}
