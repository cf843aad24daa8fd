package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.ingest.paging.ListPosition;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;

/**
 * An attempt read from {@code chatplugify.delivery-attempts}.
 *
 * @param id its record, {@code partition-offset}: stable, and the same on every API instance
 */
public record RecordedAttempt(String id, DeliveryAttempt attempt) {

    /** Objects, references and fixed fields of one stored attempt, measured roughly on a 64-bit JVM. */
    private static final long FIXED_BYTES = 400;

    public ListPosition position() {
        return new ListPosition(attempt.attemptedAt(), id);
    }

    /** What holding it costs, roughly: the fixed part and its texts, as the JVM stores them (1 or 2 bytes a character). */
    long estimatedBytes() {
        return FIXED_BYTES + bytes(id) + bytes(attempt.webhookId()) + bytes(attempt.workspaceId())
                + bytes(attempt.eventId()) + bytes(attempt.eventType()) + bytes(attempt.error())
                + bytes(attempt.responseBody()) + bytes(attempt.replayOf());
    }

    private static long bytes(String text) {
        if (text == null) {
            return 0;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                return 2L * text.length();
            }
        }
        return text.length();
    }
}
