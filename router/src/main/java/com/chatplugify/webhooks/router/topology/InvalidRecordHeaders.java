package com.chatplugify.webhooks.router.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a record in {@code chatplugify.events.invalid} or {@code chatplugify.subscriptions.invalid}: why
 * it was refused and where it was read from. The value is the refused record's value, the key its key.
 */
public final class InvalidRecordHeaders {

    /** A {@link com.chatplugify.webhooks.common.model.Violation} code, such as {@code not_json}. */
    public static final String REASON = "reason";
    /** What is wrong, in words. */
    public static final String DETAIL = "detail";
    public static final String ORIGIN_TOPIC = "origin-topic";
    public static final String ORIGIN_PARTITION = "origin-partition";
    public static final String ORIGIN_OFFSET = "origin-offset";

    /** Keeps a detail quoting a huge input (say, a 200 KiB event type) from doubling the record's size. */
    private static final int MAX_DETAIL_LENGTH = 1000;

    private InvalidRecordHeaders() {
    }

    /** Sets the headers, replacing any of the same names the input record carried. */
    public static void write(Headers headers, String reason, String detail, String topic, int partition, long offset) {
        put(headers, REASON, reason);
        put(headers, DETAIL, detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH) + "...");
        put(headers, ORIGIN_TOPIC, String.valueOf(topic));
        put(headers, ORIGIN_PARTITION, Integer.toString(partition));
        put(headers, ORIGIN_OFFSET, Long.toString(offset));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
