package com.chatplugify.webhooks.common.publisher;

import com.chatplugify.webhooks.common.model.Event;

/**
 * An event the broker has acknowledged.
 *
 * @param event     the event as written, with the id and timestamp it was given
 * @param partition the partition of {@code chatplugify.events} it went to
 * @param offset    its offset in that partition
 */
public record PublishedEvent(Event event, int partition, long offset) {

    /** The event's id: the receivers' idempotency key. */
    public String id() {
        return event.id();
    }
}
