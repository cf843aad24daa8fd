package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.ingest.paging.ListPosition;
import java.util.List;

/**
 * A page of a webhook's attempts, newest first.
 *
 * @param next where the following page starts, or null when this is the last
 */
public record AttemptPage(List<RecordedAttempt> attempts, ListPosition next) {

    public AttemptPage {
        attempts = List.copyOf(attempts);
    }
}
