package com.chatplugify.webhooks.ingest.deadletters;

/** A cursor that no scan of the dead-letter topic wrote: malformed, or naming a place the topic does not have. */
public final class InvalidCursorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidCursorException(String message, Throwable cause) {
        super(message, cause);
    }
}
