package com.chatplugify.webhooks.common.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

/**
 * What a log line is about: ids and a record's position, put in SLF4J's MDC while a line is written. The JSON log
 * format shows each key as a field of the line, the text format prints them before the message, so log collectors
 * can search by webhook or event. Values are ids and positions only, never payloads, secrets or headers.
 *
 * <pre>{@code
 * LogContext.delivery(webhookId, eventId).at(record).run(() -> log.info("Dead-lettered: {}", reason));
 * }</pre>
 *
 * A context is built without touching the MDC; {@link #run} and {@link #call} apply it to the calling thread for
 * their duration and then restore what the keys held before, so contexts nest (an inner line keeps an outer event
 * id).
 */
public final class LogContext {

    public static final String WEBHOOK_ID = "webhookId";
    public static final String EVENT_ID = "eventId";
    public static final String WORKSPACE_ID = "workspaceId";
    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";

    private final List<String[]> fields = new ArrayList<>(6);

    private LogContext() {
    }

    public static LogContext empty() {
        return new LogContext();
    }

    public static LogContext webhook(String webhookId) {
        return new LogContext().and(WEBHOOK_ID, webhookId);
    }

    /** A line about one delivery of an event to a webhook. */
    public static LogContext delivery(String webhookId, String eventId) {
        return webhook(webhookId).and(EVENT_ID, eventId);
    }

    /** Adds a field; a null value adds nothing. */
    public LogContext and(String key, Object value) {
        if (value != null) {
            fields.add(new String[] {key, value.toString()});
        }
        return this;
    }

    /** Adds where a record sits: its topic, partition and offset. */
    public LogContext at(String topic, int partition, long offset) {
        return and(TOPIC, topic).and(PARTITION, partition).and(OFFSET, offset);
    }

    public LogContext at(ConsumerRecord<?, ?> record) {
        return at(record.topic(), record.partition(), record.offset());
    }

    /** Writes {@code line} (a log statement) with the fields in this thread's MDC. */
    public void run(Runnable line) {
        call(() -> {
            line.run();
            return null;
        });
    }

    /** Runs {@code action} with the fields in this thread's MDC, so that every line it logs carries them. */
    public <T> T call(Supplier<T> action) {
        String[][] applied = fields.toArray(new String[0][]);
        String[] previous = new String[applied.length];
        for (int i = 0; i < applied.length; i++) {
            previous[i] = MDC.get(applied[i][0]);
            MDC.put(applied[i][0], applied[i][1]);
        }
        try {
            return action.get();
        } finally {
            for (int i = applied.length - 1; i >= 0; i--) {
                if (previous[i] == null) {
                    MDC.remove(applied[i][0]);
                } else {
                    MDC.put(applied[i][0], previous[i]);
                }
            }
        }
    }
}
