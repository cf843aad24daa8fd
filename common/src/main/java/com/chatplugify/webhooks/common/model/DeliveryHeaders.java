package com.chatplugify.webhooks.common.model;

/** Names of the Kafka record headers carried by deliveries through the retry tiers and the dead-letter topic. */
public final class DeliveryHeaders {

    /** Attempts made so far (decimal). */
    public static final String ATTEMPTS = "attempts";
    /** When the record may be attempted again, epoch milliseconds (decimal); set on retry-tier records. */
    public static final String DUE_AT = "due-at";
    /**
     * When the delivery was first queued, epoch milliseconds (decimal): the timestamp of its record in
     * {@code chatplugify.deliveries}, carried through the retry tiers to the DLQ; {@code delivery.max-age} counts
     * from it.
     */
    public static final String QUEUED_AT = "queued-at";
    /** Why the record is in the dead-letter topic, e.g. {@code retries_exhausted}. */
    public static final String REASON = "reason";
    /** HTTP status of the last attempt, when one was received. */
    public static final String LAST_STATUS = "last-status";
    /** What went wrong in the last attempt, in words. */
    public static final String LAST_ERROR = "last-error";
    /** When the record was dead-lettered, ISO-8601. */
    public static final String FAILED_AT = "failed-at";
    /** Where the record was read from when it was dead-lettered. */
    public static final String ORIGIN_TOPIC = "origin-topic";
    public static final String ORIGIN_PARTITION = "origin-partition";
    public static final String ORIGIN_OFFSET = "origin-offset";
    /** On a replayed delivery: the dead-letter entry it came from ({@code partition-offset}). */
    public static final String REPLAY_OF = "replay-of";

    private DeliveryHeaders() {
    }
}
