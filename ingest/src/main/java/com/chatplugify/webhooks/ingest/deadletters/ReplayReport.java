package com.chatplugify.webhooks.ingest.deadletters;

import java.util.Map;

/**
 * What a replay did.
 *
 * @param matched         dead letters matching the filters
 * @param replayed        re-delivered, or in a dry run, that would be
 * @param alreadyReplayed matched but replayed before, so left alone
 * @param skipped         matched but not replayed, by reason: {@code webhook_deleted}, {@code webhook_moved},
 *                        {@code webhook_disabled}, {@code unreadable}
 * @param hasMore         whether the replay stopped before the end of the matches (limit or budget reached)
 * @param next            where to continue when {@code hasMore}, else null
 */
public record ReplayReport(boolean dryRun, long matched, long replayed, long alreadyReplayed,
                           Map<String, Long> skipped, boolean hasMore, ScanCursor next) {

    public ReplayReport {
        skipped = Map.copyOf(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
