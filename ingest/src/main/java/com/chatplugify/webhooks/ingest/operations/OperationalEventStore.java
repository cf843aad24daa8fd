package com.chatplugify.webhooks.ingest.operations;

import com.chatplugify.webhooks.common.operations.OperationalEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest operational events of each webhook and of each workspace, in memory and bounded whatever the traffic:
 * at most {@code perKey} events per webhook and per workspace, of at most {@code maxKeys} webhooks and as many
 * workspaces (those without an event for the longest are forgotten first). Thread-safe.
 */
public final class OperationalEventStore {

    private final int perKey;
    private final Map<String, Deque<OperationalEvent>> byWebhook;
    private final Map<String, Deque<OperationalEvent>> byWorkspace;

    public OperationalEventStore(int perKey, int maxKeys) {
        this.perKey = perKey;
        this.byWebhook = bounded(maxKeys);
        this.byWorkspace = bounded(maxKeys);
    }

    public synchronized void add(OperationalEvent event) {
        append(byWebhook, event.webhookId(), event);
        if (event.workspaceId() != null) {
            append(byWorkspace, event.workspaceId(), event);
        }
    }

    /**
     * A webhook's newest events, newest first, at most {@code limit}.
     *
     * @param workspaceId only those of this workspace (a webhook id may have been used in another before); every
     *                    workspace's when null
     */
    public synchronized List<OperationalEvent> ofWebhook(String webhookId, String workspaceId, int limit) {
        return newest(byWebhook.get(webhookId), workspaceId, limit);
    }

    /** A workspace's newest events (all its webhooks'), newest first, at most {@code limit}. */
    public synchronized List<OperationalEvent> ofWorkspace(String workspaceId, int limit) {
        return newest(byWorkspace.get(workspaceId), null, limit);
    }

    private void append(Map<String, Deque<OperationalEvent>> map, String key, OperationalEvent event) {
        // Taken out and put back: the map's order is the order keys were last written.
        Deque<OperationalEvent> events = map.remove(key);
        if (events == null) {
            events = new ArrayDeque<>();
        }
        map.put(key, events);
        events.addLast(event);
        if (events.size() > perKey) {
            events.removeFirst();
        }
    }

    private static List<OperationalEvent> newest(Deque<OperationalEvent> events, String workspaceId, int limit) {
        List<OperationalEvent> newest = new ArrayList<>();
        if (events == null) {
            return newest;
        }
        Iterator<OperationalEvent> descending = events.descendingIterator();
        while (descending.hasNext() && newest.size() < limit) {
            OperationalEvent event = descending.next();
            if (workspaceId == null || workspaceId.equals(event.workspaceId())) {
                newest.add(event);
            }
        }
        return newest;
    }

    /** Keeps at most {@code maxKeys} keys, forgetting the one written to longest ago. */
    private static Map<String, Deque<OperationalEvent>> bounded(int maxKeys) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<OperationalEvent>> eldest) {
                return size() > maxKeys;
            }
        };
    }
}
