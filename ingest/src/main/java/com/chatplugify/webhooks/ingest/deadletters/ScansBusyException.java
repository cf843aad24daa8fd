package com.chatplugify.webhooks.ingest.deadletters;

/**
 * As many dead-letter listings and replays as may read the topic at once are running, and none ended in time: the
 * call can be repeated shortly.
 */
public final class ScansBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ScansBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
