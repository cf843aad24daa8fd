package com.chatplugify.webhooks.deliverer.engine;

/** How a delivery taken from Kafka ended, for its partition's offsets. */
public enum Settlement {

    /** Its outcome is durable (a 2xx, or a record the broker acknowledged): the offset may be committed past it. */
    DURABLE,
    /** It was started but its outcome is not durable (the deliverer is stopping): its next owner delivers it again. */
    ABANDONED,
    /** It was handed back before it started (its partition was revoked): its next owner delivers it. */
    UNSTARTED;

    /** Whether it had been started, and so counted by {@link PartitionTracker#started()}. */
    boolean started() {
        return this != UNSTARTED;
    }
}
