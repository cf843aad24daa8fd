package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;

/**
 * An attempt read from {@code chatplugify.delivery-attempts}.
 *
 * @param id its record, {@code partition-offset}: stable, and the same on every API instance
 */
public record RecordedAttempt(String id, DeliveryAttempt attempt) {

    /** Objects, references and fixed fields of one stored attempt, measured roughly on a 64-bit JVM. */
    private static final long FIXED_BYTES = 400;

    public AttemptPosition position() {
        return new AttemptPosition(attempt.attemptedAt(), id);
    }

    /** What holding it costs, roughly: the fixed part and two bytes per character of its texts. */
    long estimatedBytes() {
        return FIXED_BYTES + 2L * (length(id) + length(attempt.webhookId()) + length(attempt.workspaceId())
                + length(attempt.eventId()) + length(attempt.eventType()) + length(attempt.error())
                + length(attempt.responseBody()) + length(attempt.replayOf()));
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
