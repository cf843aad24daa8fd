package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.ReadFrom;
import com.chatplugify.webhooks.common.kafka.RecordValues;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.ingest.IngestConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code chatplugify.delivery-attempts} from {@code lookback} ago for as long as the process runs, every
 * partition, without a consumer group (each API instance holds the whole history), into an {@link AttemptStore}.
 */
public final class AttemptHistory implements AutoCloseable {

    /** The history is read by people: a tenth of a second more buys fetches of many attempts each. */
    private static final Duration HISTORY_FETCH_MAX_WAIT = Duration.ofMillis(100);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final AttemptStore store;
    private final TopicReader reader;

    /** @param consumer without a group; owned from now on */
    public AttemptHistory(Consumer<String, byte[]> consumer, AttemptStore store, Duration lookback, Clock clock) {
        this.store = store;
        this.reader = new TopicReader("attempt-history", "Delivery history", consumer,
                ReadFrom.time(Topics.DELIVERY_ATTEMPTS, () -> clock.instant().minus(lookback)), POLL_TIMEOUT,
                new RecordValues<>(new JsonSerde<>(DeliveryAttempt.class), (record, attempt) ->
                        store.add(new RecordedAttempt(record.partition() + "-" + record.offset(), attempt))));
    }

    /** A history with the configured bounds, reading at most {@code history.lookback} and the topic's retention. */
    public static AttemptHistory create(WebhooksConfig config, Clock clock) {
        Duration lookback = config.getDuration(IngestConfig.HISTORY_LOOKBACK);
        Duration retention = config.getDuration(CommonConfig.TOPICS_ATTEMPTS_RETENTION);
        Consumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.batchedFetch(KafkaClients.consumer(config, null, "attempt-history"), HISTORY_FETCH_MAX_WAIT),
                new StringDeserializer(), new ByteArrayDeserializer());
        return new AttemptHistory(consumer, new AttemptStore(HistoryLimits.from(config)),
                lookback.compareTo(retention) < 0 ? lookback : retention, clock);
    }

    public AttemptHistory start() {
        reader.start();
        return this;
    }

    public AttemptStore store() {
        return store;
    }

    /** A history whose thread died is not alive; {@link #failure()} says why. */
    public boolean alive() {
        return reader.alive();
    }

    public Optional<Throwable> failure() {
        return reader.failure();
    }

    @Override
    public void close() {
        reader.close();
    }
}
