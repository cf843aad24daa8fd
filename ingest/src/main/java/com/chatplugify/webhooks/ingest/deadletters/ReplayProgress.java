package com.chatplugify.webhooks.ingest.deadletters;

/** Told how a replay advances, after each record it reads; called on the replaying thread. */
@FunctionalInterface
public interface ReplayProgress {

    ReplayProgress NONE = (scanned, total, replayed) -> { };

    /**
     * @param scanned  records read so far
     * @param total    records the replay reads at most (those between its start and the end of the topic)
     * @param replayed dead letters re-delivered so far (or counted, in a dry run)
     */
    void update(long scanned, long total, long replayed);
}
