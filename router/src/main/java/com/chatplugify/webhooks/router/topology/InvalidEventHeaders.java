package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.Violation;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Turns a refused event back into its raw bytes, with why and where from in the headers, for the invalid topic. */
final class InvalidEventHeaders implements FixedKeyProcessor<String, ParsedEvent, byte[]> {

    static final String REASON = "reason";
    static final String DETAIL = "detail";
    static final String ORIGIN_TOPIC = "origin-topic";
    static final String ORIGIN_PARTITION = "origin-partition";
    static final String ORIGIN_OFFSET = "origin-offset";

    private final RouterMetrics metrics;
    private FixedKeyProcessorContext<String, byte[]> context;

    InvalidEventHeaders(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ParsedEvent> record) {
        ParsedEvent parsed = record.value();
        Headers headers = record.headers();
        put(headers, REASON, parsed.invalid().reason());
        put(headers, DETAIL, parsed.invalid().violations().stream().map(Violation::toString)
                .collect(Collectors.joining("; ")));
        context.recordMetadata().ifPresent((RecordMetadata origin) -> {
            put(headers, ORIGIN_TOPIC, origin.topic());
            put(headers, ORIGIN_PARTITION, Integer.toString(origin.partition()));
            put(headers, ORIGIN_OFFSET, Long.toString(origin.offset()));
        });
        metrics.invalid(parsed.invalid().reason());
        context.forward(record.withValue(parsed.raw()).withHeaders(headers));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
