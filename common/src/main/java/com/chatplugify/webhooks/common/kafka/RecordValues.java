package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.logging.LogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a {@link TopicReader}'s records to a sink one value at a time: a record that is not a {@code T} is logged with
 * its position and skipped, a tombstone ignored. For the in-memory views an API instance keeps.
 *
 * @param <T> what the topic's values are
 */
public final class RecordValues<T> implements TopicReader.Handler {

    /** Takes one record's value, with the record for its position. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(ConsumerRecord<String, byte[]> record, T value);
    }

    private static final Logger log = LoggerFactory.getLogger(RecordValues.class);

    private final Deserializer<T> values;
    private final Sink<T> sink;

    public RecordValues(Deserializer<T> values, Sink<T> sink) {
        this.values = values;
        this.sink = sink;
    }

    @Override
    public void read(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null) {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        T value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LogContext.webhook(record.key()).at(record)
                    .run(() -> log.warn("Skipping an unreadable record of {}: {}", record.topic(), e.getMessage()));
            return;
        }
        sink.accept(record, value);
    }
}
