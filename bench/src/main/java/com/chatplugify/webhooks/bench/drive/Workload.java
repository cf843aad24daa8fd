package com.chatplugify.webhooks.bench.drive;

import org.apache.kafka.clients.producer.ProducerRecord;

/** The records a measurement sends: record {@code n} is event number {@code n} of the measurement. */
public interface Workload {

    /** The record for event {@code number}, stamped {@code timestampMicros}. */
    ProducerRecord<String, byte[]> record(long number, long timestampMicros);

    /** Deliveries each record should cause. */
    int fanout();

    /**
     * The place of event {@code number} among the events of its workspace (its endpoint's, without a router), from
     * 0, in the order they are sent: what the receiver tells duplicates and out-of-order arrivals by.
     */
    long sequence(long number);
}
