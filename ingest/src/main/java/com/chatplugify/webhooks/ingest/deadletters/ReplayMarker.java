package com.chatplugify.webhooks.ingest.deadletters;

import java.time.Instant;

/**
 * The value of a record of {@code chatplugify.deliveries.dlq.replayed} (key = the dead letter's id): that dead
 * letter has been re-delivered, and is never replayed again.
 */
public record ReplayMarker(String entryId, String webhookId, String eventId, Instant replayedAt) {
}
