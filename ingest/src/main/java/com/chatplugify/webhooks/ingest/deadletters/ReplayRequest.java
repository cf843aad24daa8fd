package com.chatplugify.webhooks.ingest.deadletters;

import java.time.Duration;

/**
 * What to replay.
 *
 * @param cursor     where to continue a replay that stopped early, or null to start at the beginning
 * @param dryRun     count what would be replayed, writing nothing
 * @param maxReplays most dead letters re-delivered (or counted, in a dry run) by this request
 * @param maxScanned most records read by this request
 * @param budget     longest time spent scanning and re-delivering
 */
public record ReplayRequest(DeadLetterQuery query, ScanCursor cursor, boolean dryRun, long maxReplays, long maxScanned,
                            Duration budget) {

    /** Everything {@code query} matches, as long as it takes: what the command line does. */
    public static ReplayRequest unbounded(DeadLetterQuery query, boolean dryRun) {
        return new ReplayRequest(query, null, dryRun, Long.MAX_VALUE, Long.MAX_VALUE, Duration.ofDays(365));
    }
}
