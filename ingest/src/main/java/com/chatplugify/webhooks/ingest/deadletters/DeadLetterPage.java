package com.chatplugify.webhooks.ingest.deadletters;

import java.util.List;

/**
 * One page of a listing, oldest first.
 *
 * @param entries the matches found
 * @param hasMore whether the scan stopped before the end (page full, or its work budget spent)
 * @param next    where to continue when {@code hasMore}, else null
 */
public record DeadLetterPage(List<DeadLetter> entries, boolean hasMore, ScanCursor next) {

    public DeadLetterPage {
        entries = List.copyOf(entries);
    }
}
