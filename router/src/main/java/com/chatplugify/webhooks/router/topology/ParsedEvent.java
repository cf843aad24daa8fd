package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventValidator;

/**
 * A record of the events topic after validation: the event, or why it was refused together with the raw bytes
 * that go to the invalid-events topic.
 */
record ParsedEvent(Event event, EventValidator.Invalid invalid, byte[] raw) {

    boolean valid() {
        return event != null;
    }
}
