package com.chatplugify.webhooks.ingest.history;

import java.util.List;

/**
 * A page of a webhook's attempts, newest first.
 *
 * @param next where the following page starts, or null when this is the last
 */
public record AttemptPage(List<RecordedAttempt> attempts, AttemptPosition next) {

    public AttemptPage {
        attempts = List.copyOf(attempts);
    }
}
