package com.chatplugify.webhooks.deliverer.engine;

import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A delivery record taken from {@code chatplugify.deliveries} or a retry tier, held in memory until its outcome is
 * durable.
 *
 * @param tier    the retry tier it was read from, 0 for the main topic
 * @param headers the record's, read once
 */
public record PolledDelivery(ConsumerRecord<String, byte[]> record, PartitionTracker tracker, int tier,
                             DeliveryHeaders headers) {

    public PolledDelivery(ConsumerRecord<String, byte[]> record, PartitionTracker tracker, int tier) {
        this(record, tracker, tier, DeliveryHeaders.readFrom(record.headers()));
    }

    /** The record's key: the id of the webhook it is for. */
    public String webhookId() {
        return record.key();
    }

    /** {@code topic-partition@offset}, for logs. */
    public String position() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
