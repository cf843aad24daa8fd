package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a refused record back into its raw bytes, with why and where from in {@link InvalidRecordHeaders}, for an
 * invalid-records topic, and counts it by reason.
 */
final class InvalidRecordWriter implements FixedKeyProcessor<String, Refusal, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InvalidRecordWriter.class);

    private final Consumer<String> countByReason;
    // A producer sending garbage must not flood the log: the topic keeps every record, the metric counts them all.
    private final ThrottledLogger refusals = new ThrottledLogger(log, 10);
    private FixedKeyProcessorContext<String, byte[]> context;

    InvalidRecordWriter(Consumer<String> countByReason) {
        this.countByReason = countByReason;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Refusal> record) {
        Refusal refusal = record.value();
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        InvalidRecordHeaders.write(record.headers(), refusal.reason(), refusal.detail(),
                origin.topic(), origin.partition(), origin.offset());
        countByReason.accept(refusal.reason());
        // The reason code only: the detail may quote the record's content, which stays out of logs.
        refusals.info(LogContext.empty().at(origin.topic(), origin.partition(), origin.offset()),
                "Refused record: {}; it goes to the invalid-records topic with the detail", refusal.reason());
        context.forward(record.withValue(refusal.raw()));
    }
}
