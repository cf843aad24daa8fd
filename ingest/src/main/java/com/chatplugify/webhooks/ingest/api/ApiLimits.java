package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.EventValidator;

/** The size limits of the /v1 API, as docs/api.md documents them. */
public final class ApiLimits {

    /** One event, as JSON. */
    public static final int MAX_EVENT_BYTES = EventValidator.MAX_EVENT_BYTES;
    /** Events in one {@code POST /v1/events/batch}. */
    public static final int MAX_BATCH_EVENTS = 1000;
    /** The body of one {@code POST /v1/events/batch}. */
    public static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;
    /** The body of any other call. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private ApiLimits() {
    }
}
