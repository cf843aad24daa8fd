package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.Event;

/** A record of the events topic after validation: the event, or why it was refused, and the partition it was read from. */
record ParsedEvent(Event event, Refusal refusal, int partition) {

    boolean valid() {
        return event != null;
    }
}
