package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook's outcome counts and latencies over the last hour, in twelve 5-minute slots that are reused as time
 * moves on: memory stays the same however many attempts there are.
 */
final class RollingStats {

    static final Duration WINDOW = Duration.ofHours(1);
    static final int SLOTS = 12;
    private static final long SLOT_MILLIS = WINDOW.toMillis() / SLOTS;
    private static final List<String> OUTCOMES = List.of(DeliveryAttempt.DELIVERED, DeliveryAttempt.FAILED,
            DeliveryAttempt.GONE, DeliveryAttempt.REFUSED);

    private final Slot[] slots = new Slot[SLOTS];

    private static final class Slot {
        final long number;
        final long[] outcomes = new long[OUTCOMES.size()];
        final LatencyHistogram latency = new LatencyHistogram();

        Slot(long number) {
            this.number = number;
        }
    }

    void add(DeliveryAttempt attempt) {
        long number = Math.floorDiv(attempt.attemptedAt().toEpochMilli(), SLOT_MILLIS);
        int index = (int) Math.floorMod(number, (long) SLOTS);
        Slot slot = slots[index];
        if (slot == null || slot.number < number) {
            slot = new Slot(number);
            slots[index] = slot;
        } else if (slot.number > number) {
            return; // an hour older than what the slot now counts: outside every window from now on
        }
        int outcome = OUTCOMES.indexOf(attempt.outcome());
        slot.outcomes[outcome < 0 ? 1 : outcome]++;
        if (!DeliveryAttempt.REFUSED.equals(attempt.outcome())) {
            slot.latency.record(attempt.latencyMs());
        }
    }

    WebhookStats snapshot(Instant now, RecordedAttempt latest) {
        long current = Math.floorDiv(now.toEpochMilli(), SLOT_MILLIS);
        long first = current - SLOTS + 1;
        long[] outcomes = new long[OUTCOMES.size()];
        LatencyHistogram latency = new LatencyHistogram();
        for (Slot slot : slots) {
            if (slot != null && slot.number >= first && slot.number <= current) {
                for (int i = 0; i < outcomes.length; i++) {
                    outcomes[i] += slot.outcomes[i];
                }
                latency.addAll(slot.latency);
            }
        }
        long attempts = 0;
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            byOutcome.put(OUTCOMES.get(i), outcomes[i]);
            attempts += outcomes[i];
        }
        Double successRate = attempts == 0 ? null : (double) outcomes[0] / attempts;
        return new WebhookStats(Instant.ofEpochMilli(first * SLOT_MILLIS), attempts, byOutcome, successRate,
                latency.percentile(0.5), latency.percentile(0.99), latest);
    }
}
