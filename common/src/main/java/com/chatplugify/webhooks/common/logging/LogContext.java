package com.chatplugify.webhooks.common.logging;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

/**
 * What a log line is about: ids and a record's position, put in SLF4J's MDC while a line is written. The JSON log
 * format shows each key as a field of the line, the text format prints them before the message, so log collectors
 * can search by webhook or event. Values are ids and positions only, never payloads, secrets or headers.
 *
 * <pre>{@code
 * try (LogContext.Scope ignored = LogContext.webhook(webhookId).and(LogContext.EVENT_ID, eventId).open()) {
 *     log.info("Endpoint answered 410 Gone: webhook disabled");
 * }
 * }</pre>
 *
 * A context is built without touching the MDC; {@link #open()} applies it to the calling thread until the scope
 * closes, which restores what the keys held before, so scopes nest (an inner line keeps an outer event id).
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

    /** Puts the fields in this thread's MDC until the returned scope is closed. */
    public Scope open() {
        String[][] applied = fields.toArray(new String[0][]);
        String[] previous = new String[applied.length];
        for (int i = 0; i < applied.length; i++) {
            previous[i] = MDC.get(applied[i][0]);
            MDC.put(applied[i][0], applied[i][1]);
        }
        return new Scope(applied, previous);
    }

    /** The fields of a {@link LogContext} in the MDC; closing it restores what was there before. */
    public static final class Scope implements AutoCloseable {

        private final String[][] fields;
        private final String[] previous;

        private Scope(String[][] fields, String[] previous) {
            this.fields = fields;
            this.previous = previous;
        }

        @Override
        public void close() {
            for (int i = fields.length - 1; i >= 0; i--) {
                String key = fields[i][0];
                if (previous[i] == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, previous[i]);
                }
            }
        }
    }
}
