package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.ingest.paging.ListPosition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The delivery history in memory, bounded whatever the traffic: per webhook (in each workspace that used its id) its
 * most recently recorded attempts (at most {@link HistoryLimits#attemptsPerWebhook()}) and its hourly statistics;
 * an index of the same attempts by event; all attempts together within {@link HistoryLimits#maxBytes()}, the oldest
 * recorded forgotten first; at most {@link HistoryLimits#maxWebhooks()} webhooks, those without an attempt for the
 * longest forgotten first. An attempt once forgotten is listed neither for its webhook nor for its event, and no
 * longer held.
 *
 * <p>Attempts are kept in the order they were recorded, which every add and eviction keeps in constant time;
 * a query sorts the few it lists by when they were made. (Sorted on every add, the history took a sixth of the
 * API process's CPU in the bench.)
 *
 * <p>Thread-safe: one reader adds, API calls query.
 */
public final class AttemptStore {

    private static final Comparator<RecordedAttempt> NEWEST_FIRST =
            Comparator.comparing(RecordedAttempt::position).reversed();

    private final HistoryLimits limits;
    /**
     * By webhook id, in order of their latest attempt, the least recent first; then by workspace. Clients choose
     * webhook ids, so one deleted in a workspace may be created again in another: each keeps its own history.
     */
    private final LinkedHashMap<String, Map<String, WebhookHistory>> webhooks = new LinkedHashMap<>();
    private final Map<String, List<RecordedAttempt>> byEvent = new HashMap<>();
    /**
     * Every attempt listed, the oldest recorded first: what the byte budget counts. An attempt leaves it as soon as it
     * leaves its webhook's history. (Kept until the budget pushed it out, attempts no longer listed filled the budget
     * whenever webhooks passed their own limit: 131,000 attempts held in the bench where 10,000 were listed. Without
     * them, what survived each young collection there fell from 80 to 28 MB.)
     */
    private final Set<Held> held = new LinkedHashSet<>();
    private long bytes;

    /** One attempt held, equal only to itself: {@link #held} finds it by identity in constant time. */
    private static final class Held {
        final RecordedAttempt entry;
        final long bytes;

        Held(RecordedAttempt entry) {
            this.entry = entry;
            this.bytes = entry.estimatedBytes();
        }
    }

    private static final class WebhookHistory {
        /** In the order recorded, the oldest first. */
        final ArrayDeque<Held> recent = new ArrayDeque<>();
        final RollingStats stats = new RollingStats();
    }

    public AttemptStore(HistoryLimits limits) {
        this.limits = limits;
    }

    public synchronized void add(RecordedAttempt entry) {
        String webhookId = entry.attempt().webhookId();
        Map<String, WebhookHistory> byWorkspace = webhooks.remove(webhookId);
        if (byWorkspace == null) {
            byWorkspace = new HashMap<>(2);
        }
        webhooks.put(webhookId, byWorkspace);
        if (webhooks.size() > limits.maxWebhooks()) {
            forget(webhooks.keySet().iterator().next());
        }
        WebhookHistory history = byWorkspace.computeIfAbsent(entry.attempt().workspaceId(), ws -> new WebhookHistory());
        history.stats.add(entry.attempt());
        Held added = new Held(entry);
        history.recent.addLast(added);
        held.add(added);
        bytes += added.bytes;
        byEvent.computeIfAbsent(entry.attempt().eventId(), id -> new ArrayList<>(1)).add(entry);
        if (history.recent.size() > limits.attemptsPerWebhook()) {
            drop(history.recent.pollFirst());
        }
        while (bytes > limits.maxBytes()) {
            // Both are in the order recorded: the oldest of all is its webhook's oldest.
            Held oldest = held.iterator().next();
            drop(history(oldest.entry.attempt().webhookId(), oldest.entry.attempt().workspaceId()).recent.pollFirst());
        }
    }

    /**
     * A webhook's attempts in its workspace, newest first.
     *
     * @param outcomes only attempts with one of these outcomes; all when empty
     * @param before   the {@link AttemptPage#next()} of the previous page, or null for the first
     */
    public synchronized AttemptPage ofWebhook(String webhookId, String workspaceId, Set<String> outcomes, int limit,
                                              ListPosition before) {
        WebhookHistory history = history(webhookId, workspaceId);
        if (history == null) {
            return new AttemptPage(List.of(), null);
        }
        List<RecordedAttempt> candidates = new ArrayList<>(history.recent.size());
        for (Held listed : history.recent) {
            RecordedAttempt candidate = listed.entry;
            if ((outcomes.isEmpty() || outcomes.contains(candidate.attempt().outcome()))
                    && (before == null || candidate.position().compareTo(before) < 0)) {
                candidates.add(candidate);
            }
        }
        candidates.sort(NEWEST_FIRST);
        return page(candidates, limit);
    }

    /**
     * A page of the attempts at one event, newest first.
     *
     * @param workspaceId only this workspace's attempts; every workspace's when null
     * @param before      the {@link AttemptPage#next()} of the previous page, or null for the first
     */
    public synchronized AttemptPage ofEvent(String eventId, String workspaceId, int limit, ListPosition before) {
        List<RecordedAttempt> attempts = ofEvent(eventId, workspaceId);
        return page(before == null ? attempts
                : attempts.stream().filter(attempt -> attempt.position().compareTo(before) < 0).toList(), limit);
    }

    /** The first {@code limit} of {@code newestFirst}, and where the next page starts if more remain. */
    private static AttemptPage page(List<RecordedAttempt> newestFirst, int limit) {
        if (newestFirst.size() <= limit) {
            return new AttemptPage(newestFirst, null);
        }
        List<RecordedAttempt> page = newestFirst.subList(0, limit);
        return new AttemptPage(page, page.get(limit - 1).position());
    }

    /**
     * The attempts at one event, newest first.
     *
     * @param workspaceId only this workspace's attempts; every workspace's when null
     */
    public synchronized List<RecordedAttempt> ofEvent(String eventId, String workspaceId) {
        List<RecordedAttempt> recorded = byEvent.getOrDefault(eventId, List.of());
        List<RecordedAttempt> attempts = new ArrayList<>(recorded.size());
        for (RecordedAttempt entry : recorded) {
            if (workspaceId == null || workspaceId.equals(entry.attempt().workspaceId())) {
                attempts.add(entry);
            }
        }
        attempts.sort(NEWEST_FIRST);
        return attempts;
    }

    /** A webhook's last hour in its workspace as of {@code now}, and its newest attempt. */
    public synchronized WebhookStats stats(String webhookId, String workspaceId, Instant now) {
        WebhookHistory history = history(webhookId, workspaceId);
        if (history == null) {
            return new RollingStats().snapshot(now, null);
        }
        return history.stats.snapshot(now, history.recent.stream().map(listed -> listed.entry)
                .max(Comparator.comparing(RecordedAttempt::position))
                .orElse(null));
    }

    /** Drops a webhook id's history and statistics in every workspace (it was deleted, or has been idle the longest). */
    public synchronized void forget(String webhookId) {
        Map<String, WebhookHistory> byWorkspace = webhooks.remove(webhookId);
        if (byWorkspace != null) {
            byWorkspace.values().forEach(history -> history.recent.forEach(this::drop));
        }
    }

    /** Estimated memory of the attempts held. */
    synchronized long bytes() {
        return bytes;
    }

    private WebhookHistory history(String webhookId, String workspaceId) {
        Map<String, WebhookHistory> byWorkspace = webhooks.get(webhookId);
        return byWorkspace == null ? null : byWorkspace.get(workspaceId);
    }

    private void drop(Held attempt) {
        held.remove(attempt);
        bytes -= attempt.bytes;
        unindex(attempt.entry);
    }

    private void unindex(RecordedAttempt entry) {
        String eventId = entry.attempt().eventId();
        List<RecordedAttempt> ofEvent = byEvent.get(eventId);
        if (ofEvent != null) {
            // By identity: a record's equals would compare every field.
            ofEvent.removeIf(listed -> listed == entry);
            if (ofEvent.isEmpty()) {
                byEvent.remove(eventId);
            }
        }
    }
}
