package com.chatplugify.webhooks.common.model;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Identifiers that sort by creation time (ULIDs) with a prefix saying what they name. */
public final class Ids {

    public static final String EVENT_PREFIX = "evt_";
    public static final String WEBHOOK_PREFIX = "webhook_";
    public static final String TOKEN_PREFIX = "tok_";

    private Ids() {
    }

    public static String newEventId() {
        return EVENT_PREFIX + UlidCreator.getMonotonicUlid();
    }

    public static String newWebhookId() {
        return WEBHOOK_PREFIX + UlidCreator.getMonotonicUlid();
    }

    /** The id of a workspace token of the API (not its secret). */
    public static String newTokenId() {
        return TOKEN_PREFIX + UlidCreator.getMonotonicUlid();
    }

    /**
     * An event id derived from where a record sits in Kafka, for events published without one: the same record
     * always gets the same id, so a re-processed record keeps its receivers' idempotency key.
     */
    public static String eventIdFor(Instant timestamp, String topic, int partition, long offset) {
        int source = 31 * topic.hashCode() + partition;
        byte[] random = ByteBuffer.allocate(10).putShort((short) source).putLong(offset).array();
        return EVENT_PREFIX + new Ulid(Math.max(0, timestamp.toEpochMilli()), random);
    }
}
