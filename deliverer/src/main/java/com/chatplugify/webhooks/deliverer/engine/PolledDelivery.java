package com.chatplugify.webhooks.deliverer.engine;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A delivery record taken from {@code chatplugify.deliveries} or a retry tier, held in memory until its outcome is
 * durable.
 *
 * @param tier the retry tier it was read from, 0 for the main topic
 */
public record PolledDelivery(ConsumerRecord<String, byte[]> record, PartitionTracker tracker, int tier) {

    /** The record's key: the id of the webhook it is for. */
    public String webhookId() {
        return record.key();
    }

    /** {@code topic-partition@offset}, for logs. */
    public String position() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
