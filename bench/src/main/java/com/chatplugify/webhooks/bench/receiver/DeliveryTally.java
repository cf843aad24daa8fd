package com.chatplugify.webhooks.bench.receiver;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the receiver got during one measurement: which (endpoint, event) pairs arrived, duplicates, arrivals inside
 * the measurement window, and the latency from event timestamp to arrival of each pair's first arrival, by endpoint
 * kind. Events are numbered by the driver and sent round-robin over the workspaces, so endpoint {@code e} of
 * workspace {@code w} receives events {@code w, w + W, w + 2W, ...}: one bit per event and endpoint tells a first
 * arrival from a duplicate.
 */
public final class DeliveryTally {

    private final String eventIdPrefix;
    private final int workspaces;
    private final BitSet[] seen;
    private final Map<EndpointKind, Recorder> recorders = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, Histogram> totals = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, LongAdder> arrivalsInWindow = new EnumMap<>(EndpointKind.class);
    private final AtomicLong firstArrivals = new AtomicLong();
    private final LongAdder duplicates = new LongAdder();
    private volatile long windowStartMicros = Long.MAX_VALUE;
    private volatile long windowEndMicros = Long.MAX_VALUE;

    /**
     * @param eventIdPrefix the ids of this measurement's events are {@code <prefix>_<number>}
     * @param endpoints     the measurement's endpoints, by slot
     * @param workspaces    over how many workspaces the events are spread
     */
    public DeliveryTally(String eventIdPrefix, List<Endpoint> endpoints, int workspaces) {
        this.eventIdPrefix = eventIdPrefix;
        this.workspaces = workspaces;
        this.seen = new BitSet[endpoints.size()];
        for (int slot = 0; slot < seen.length; slot++) {
            seen[slot] = new BitSet();
        }
        for (EndpointKind kind : EndpointKind.values()) {
            recorders.put(kind, new Recorder(3));
            totals.put(kind, new Histogram(3));
            arrivalsInWindow.put(kind, new LongAdder());
        }
    }

    public String eventIdPrefix() {
        return eventIdPrefix;
    }

    /** Latency is recorded for events stamped from now on, and arrivals counted from now on. */
    public void openWindow(long nowMicros) {
        windowStartMicros = nowMicros;
    }

    public void closeWindow(long nowMicros) {
        windowEndMicros = nowMicros;
    }

    void record(Endpoint endpoint, long eventNumber, long eventMicros, long arrivedMicros) {
        BitSet bits = seen[endpoint.slot()];
        int bit = (int) (eventNumber / workspaces);
        boolean first;
        synchronized (bits) {
            first = !bits.get(bit);
            if (first) {
                bits.set(bit);
            }
        }
        if (!first) {
            duplicates.increment();
            return;
        }
        firstArrivals.incrementAndGet();
        if (arrivedMicros >= windowStartMicros && arrivedMicros < windowEndMicros) {
            arrivalsInWindow.get(endpoint.kind()).increment();
        }
        if (eventMicros >= windowStartMicros && eventMicros < windowEndMicros) {
            recorders.get(endpoint.kind()).recordValue(Math.max(0, arrivedMicros - eventMicros));
        }
    }

    /** Distinct (endpoint, event) pairs that arrived at least once. */
    public long firstArrivals() {
        return firstArrivals.get();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    /** First arrivals at endpoints of that kind inside the window. */
    public long arrivalsInWindow(EndpointKind kind) {
        return arrivalsInWindow.get(kind).sum();
    }

    /** Latencies recorded since the previous call, also kept in the totals; microseconds. */
    public synchronized Histogram interval(EndpointKind kind) {
        Histogram interval = recorders.get(kind).getIntervalHistogram();
        totals.get(kind).add(interval);
        return interval;
    }

    /** Every latency recorded so far for that kind; microseconds. */
    public synchronized Histogram total(EndpointKind kind) {
        interval(kind);
        return totals.get(kind).copy();
    }
}
