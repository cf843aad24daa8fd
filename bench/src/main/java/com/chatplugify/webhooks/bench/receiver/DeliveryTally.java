package com.chatplugify.webhooks.bench.receiver;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the receiver got during one measurement: which (endpoint, event) pairs arrived, duplicates, requests and first
 * arrivals inside the measurement window, first arrivals out of publish order, and the latency from event timestamp
 * to each pair's first arrival, by endpoint kind. Each event goes to every endpoint of one workspace; its
 * {@code sequence} is its place among that workspace's events, in the order they were published, so one bit per
 * sequence and endpoint tells a first arrival from a duplicate, and a first arrival below the highest sequence the
 * endpoint has seen arrived out of order.
 */
public final class DeliveryTally {

    private final String eventIdPrefix;
    private final LongUnaryOperator sequence;
    private final BitSet[] seen;
    private final long[] highest;
    private final Map<EndpointKind, Recorder> recorders = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, Histogram> totals = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, LongAdder> firstArrivalsByKind = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, LongAdder> arrivalsInWindow = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, LongAdder> requestsInWindow = new EnumMap<>(EndpointKind.class);
    private final AtomicLong firstArrivals = new AtomicLong();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private volatile long windowStartMicros = Long.MAX_VALUE;
    private volatile long windowEndMicros = Long.MAX_VALUE;

    /**
     * @param eventIdPrefix the ids of this measurement's events are {@code <prefix>_<number>}
     * @param endpoints     the measurement's endpoints, by slot
     * @param sequence      event number → its place among the events of its workspace, from 0
     */
    public DeliveryTally(String eventIdPrefix, List<ReceiverEndpoint> endpoints, LongUnaryOperator sequence) {
        this.eventIdPrefix = eventIdPrefix;
        this.sequence = sequence;
        this.seen = new BitSet[endpoints.size()];
        this.highest = new long[endpoints.size()];
        for (int slot = 0; slot < seen.length; slot++) {
            seen[slot] = new BitSet();
            highest[slot] = -1;
        }
        for (EndpointKind kind : EndpointKind.values()) {
            recorders.put(kind, new Recorder(3));
            totals.put(kind, new Histogram(3));
            firstArrivalsByKind.put(kind, new LongAdder());
            arrivalsInWindow.put(kind, new LongAdder());
            requestsInWindow.put(kind, new LongAdder());
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

    void record(ReceiverEndpoint endpoint, long eventNumber, long eventMicros, long arrivedMicros) {
        boolean inWindow = arrivedMicros >= windowStartMicros && arrivedMicros < windowEndMicros;
        if (inWindow) {
            requestsInWindow.get(endpoint.kind()).increment();
        }
        int slot = endpoint.slot();
        long place = sequence.applyAsLong(eventNumber);
        boolean first;
        boolean late;
        synchronized (seen[slot]) {
            first = !seen[slot].get((int) place);
            late = first && place < highest[slot];
            if (first) {
                seen[slot].set((int) place);
                highest[slot] = Math.max(highest[slot], place);
            }
        }
        if (!first) {
            duplicates.increment();
            return;
        }
        if (late) {
            outOfOrder.increment();
        }
        firstArrivals.incrementAndGet();
        firstArrivalsByKind.get(endpoint.kind()).increment();
        if (inWindow) {
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

    /** Distinct (endpoint, event) pairs of endpoints of that kind that arrived at least once. */
    public long firstArrivals(EndpointKind kind) {
        return firstArrivalsByKind.get(kind).sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    /** First arrivals of an event published after another that had already arrived at the same endpoint. */
    public long outOfOrder() {
        return outOfOrder.sum();
    }

    /** First arrivals at endpoints of that kind inside the window. */
    public long arrivalsInWindow(EndpointKind kind) {
        return arrivalsInWindow.get(kind).sum();
    }

    /** Requests (first arrivals, retries and redeliveries) at endpoints of that kind inside the window. */
    public long requestsInWindow(EndpointKind kind) {
        return requestsInWindow.get(kind).sum();
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
