package com.chatplugify.webhooks.ingest.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Until when a view is known to hold every record written to its topic. A check takes the topic's end offsets at an
 * instant; once the view has read up to them, it holds everything acknowledged before that instant. Checks run one
 * at a time, every {@code interval}. Not thread-safe but for {@link #currentAsOf()}: the view's thread drives it.
 */
final class ViewFreshness {

    private final Duration interval;
    private Instant checkStartedAt;
    private Map<TopicPartition, Long> checkEnds;
    private Instant lastCheckStartedAt;
    private volatile Instant currentAsOf;

    ViewFreshness(Duration interval) {
        this.interval = interval;
    }

    /** Whether to take end offsets now: none is pending and the last was taken {@code interval} ago or more. */
    boolean checkDue(Instant now) {
        return checkEnds == null && (lastCheckStartedAt == null || !now.isBefore(lastCheckStartedAt.plus(interval)));
    }

    /** Whether no check is under way. */
    boolean idle() {
        return checkEnds == null;
    }

    /** @param startedAt when the end offsets were asked for: before the request, so that nothing earlier is missed */
    void checking(Instant startedAt, Map<TopicPartition, Long> ends) {
        this.checkStartedAt = startedAt;
        this.checkEnds = Map.copyOf(ends);
        this.lastCheckStartedAt = startedAt;
    }

    /** Completes the pending check when {@code position} has reached its end offsets. */
    void read(ToLongFunction<TopicPartition> position) {
        if (checkEnds == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : checkEnds.entrySet()) {
            if (position.applyAsLong(end.getKey()) < end.getValue()) {
                return;
            }
        }
        currentAsOf = checkStartedAt;
        checkEnds = null;
    }

    /** The view holds every record acknowledged before this instant; null until the first check completes. */
    Instant currentAsOf() {
        return currentAsOf;
    }

    /** How far behind the view may be at {@code now}; null when no check has completed yet. */
    Duration staleness(Instant now) {
        Instant asOf = currentAsOf;
        return asOf == null ? null : Duration.between(asOf, now);
    }
}
