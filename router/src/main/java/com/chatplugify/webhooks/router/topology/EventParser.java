package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Validates raw event records. Events published without {@code id} or {@code timestamp} get ones derived from
 * the record itself (its position and timestamp), so reprocessing the same record yields the same event. A given
 * {@code timestamp} is checked against the record's timestamp, not the router's clock, for the same reason.
 */
final class EventParser implements FixedKeyProcessor<String, byte[], ParsedEvent> {

    private FixedKeyProcessorContext<String, ParsedEvent> context;

    @Override
    public void init(FixedKeyProcessorContext<String, ParsedEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Instant recordTime = Instant.ofEpochMilli(record.timestamp());
        EventValidator.Result result = EventValidator.validate(record.value(), () -> derivedId(recordTime), () -> recordTime,
                recordTime);
        int partition = context.recordMetadata().orElseThrow().partition();
        ParsedEvent parsed = result instanceof EventValidator.Valid valid
                ? new ParsedEvent(valid.event(), null, partition)
                : new ParsedEvent(null, refusal((EventValidator.Invalid) result, record.value()), partition);
        context.forward(record.withValue(parsed));
    }

    private String derivedId(Instant recordTime) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        return Ids.eventIdFor(recordTime, metadata.topic(), metadata.partition(), metadata.offset());
    }

    /**
     * An oversized event is kept only in part: written whole, it could exceed what the invalid topic accepts, and
     * under exactly-once that failed write would abort the transaction and replay the same record forever. The
     * original stays at its origin offset in the events topic.
     */
    private static Refusal refusal(EventValidator.Invalid invalid, byte[] raw) {
        String detail = invalid.violations().stream().map(Violation::toString).collect(Collectors.joining("; "));
        if (Violation.TOO_LARGE.equals(invalid.reason())) {
            return new Refusal(invalid.reason(), detail + "; only the first " + EventValidator.MAX_EVENT_BYTES
                    + " bytes are copied here", Arrays.copyOf(raw, EventValidator.MAX_EVENT_BYTES));
        }
        return new Refusal(invalid.reason(), detail, raw);
    }
}
