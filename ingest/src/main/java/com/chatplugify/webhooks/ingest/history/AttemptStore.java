package com.chatplugify.webhooks.ingest.history;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The delivery history in memory, bounded whatever the traffic: per webhook its newest attempts (at most
 * {@link HistoryLimits#attemptsPerWebhook()}) and its hourly statistics; an index of the same attempts by event;
 * all attempts together within {@link HistoryLimits#maxBytes()}, the oldest forgotten first; at most
 * {@link HistoryLimits#maxWebhooks()} webhooks, those without an attempt for the longest forgotten first. An
 * attempt once forgotten is listed neither for its webhook nor for its event.
 *
 * <p>Thread-safe: one reader adds, API calls query.
 */
public final class AttemptStore {

    private final HistoryLimits limits;
    /** In order of their latest attempt, the least recent first. */
    private final LinkedHashMap<String, WebhookHistory> webhooks = new LinkedHashMap<>();
    private final Map<String, List<RecordedAttempt>> byEvent = new HashMap<>();
    /**
     * Every attempt added, oldest first, until the byte budget pushes it out; it may have left its webhook's
     * history earlier. Holding it is what costs memory, so the budget counts what this queue holds.
     */
    private final ArrayDeque<RecordedAttempt> arrivals = new ArrayDeque<>();
    private long bytes;

    private static final class WebhookHistory {
        final TreeMap<AttemptPosition, RecordedAttempt> recent = new TreeMap<>();
        final RollingStats stats = new RollingStats();
    }

    public AttemptStore(HistoryLimits limits) {
        this.limits = limits;
    }

    public synchronized void add(RecordedAttempt entry) {
        String webhookId = entry.attempt().webhookId();
        WebhookHistory history = webhooks.remove(webhookId);
        if (history == null) {
            history = new WebhookHistory();
        }
        webhooks.put(webhookId, history);
        if (webhooks.size() > limits.maxWebhooks()) {
            forget(webhooks.keySet().iterator().next());
        }
        history.stats.add(entry.attempt());
        history.recent.put(entry.position(), entry);
        byEvent.computeIfAbsent(entry.attempt().eventId(), id -> new ArrayList<>(1)).add(entry);
        arrivals.addLast(entry);
        bytes += entry.estimatedBytes();
        while (history.recent.size() > limits.attemptsPerWebhook()) {
            unindex(history.recent.pollFirstEntry().getValue());
        }
        while (bytes > limits.maxBytes() && !arrivals.isEmpty()) {
            RecordedAttempt oldest = arrivals.pollFirst();
            bytes -= oldest.estimatedBytes();
            WebhookHistory of = webhooks.get(oldest.attempt().webhookId());
            if (of != null && of.recent.remove(oldest.position(), oldest)) {
                unindex(oldest);
            }
        }
    }

    /**
     * A webhook's attempts, newest first.
     *
     * @param outcomes only attempts with one of these outcomes; all when empty
     * @param before   the {@link AttemptPage#next()} of the previous page, or null for the first
     */
    public synchronized AttemptPage ofWebhook(String webhookId, Set<String> outcomes, int limit, AttemptPosition before) {
        WebhookHistory history = webhooks.get(webhookId);
        if (history == null) {
            return new AttemptPage(List.of(), null);
        }
        NavigableMap<AttemptPosition, RecordedAttempt> older = before == null
                ? history.recent.descendingMap()
                : history.recent.headMap(before, false).descendingMap();
        List<RecordedAttempt> page = new ArrayList<>(Math.min(limit, older.size()));
        Iterator<RecordedAttempt> candidates = older.values().iterator();
        while (candidates.hasNext()) {
            RecordedAttempt candidate = candidates.next();
            if (outcomes.isEmpty() || outcomes.contains(candidate.attempt().outcome())) {
                if (page.size() == limit) {
                    return new AttemptPage(page, page.get(page.size() - 1).position());
                }
                page.add(candidate);
            }
        }
        return new AttemptPage(page, null);
    }

    /** The attempts of every webhook at one event, newest first. */
    public synchronized List<RecordedAttempt> ofEvent(String eventId) {
        List<RecordedAttempt> attempts = new ArrayList<>(byEvent.getOrDefault(eventId, List.of()));
        attempts.sort(Comparator.comparing(RecordedAttempt::position).reversed());
        return attempts;
    }

    /** A webhook's last hour as of {@code now}, and its newest attempt. */
    public synchronized WebhookStats stats(String webhookId, Instant now) {
        WebhookHistory history = webhooks.get(webhookId);
        if (history == null) {
            return new RollingStats().snapshot(now, null);
        }
        return history.stats.snapshot(now, Optional.ofNullable(history.recent.lastEntry())
                .map(Map.Entry::getValue).orElse(null));
    }

    /** Drops a webhook's history and statistics (it was deleted, or has been idle the longest). */
    public synchronized void forget(String webhookId) {
        WebhookHistory history = webhooks.remove(webhookId);
        if (history != null) {
            history.recent.values().forEach(this::unindex);
        }
    }

    /** Estimated memory of the attempts held. */
    synchronized long bytes() {
        return bytes;
    }

    private void unindex(RecordedAttempt entry) {
        List<RecordedAttempt> ofEvent = byEvent.get(entry.attempt().eventId());
        if (ofEvent != null) {
            ofEvent.remove(entry);
            if (ofEvent.isEmpty()) {
                byEvent.remove(entry.attempt().eventId());
            }
        }
    }
}
