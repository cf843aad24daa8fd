package com.chatplugify.webhooks.app.reliability;

import com.chatplugify.webhooks.common.model.Event;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The books of a fault test: which (event, webhook) pairs must arrive, against what the receiver answered 2xx to
 * and what sits in the dead-letter topic. Lost is what is in neither.
 */
final class DeliveryAccount {

    /**
     * Where the books stand.
     *
     * @param expected     pairs that must each be delivered or dead-lettered
     * @param delivered    distinct expected pairs answered 2xx at least once
     * @param duplicates   2xx answers beyond the first, over all expected pairs
     * @param deadLettered expected pairs in the dead-letter topic
     * @param lost         expected pairs neither delivered nor dead-lettered
     * @param both         pairs both delivered and dead-lettered
     * @param sample       a few lost (or else doubly accounted) pairs, to look into
     */
    record Tally(int expected, int delivered, int duplicates, int deadLettered, int lost, int both, List<String> sample) {
    }

    private final Set<DeliveryPair> expected;
    private final CountingReceiver receiver;
    private final DeadLetterTail deadLetters;

    DeliveryAccount(List<Event> events, Map<String, List<String>> webhooksByWorkspace, CountingReceiver receiver,
                    DeadLetterTail deadLetters) {
        Set<DeliveryPair> pairs = new HashSet<>();
        for (Event event : events) {
            webhooksByWorkspace.get(event.workspaceId()).forEach(webhook -> pairs.add(new DeliveryPair(event.id(), webhook)));
        }
        this.expected = Set.copyOf(pairs);
        this.receiver = receiver;
        this.deadLetters = deadLetters;
    }

    /** Waits until nothing is lost any more, at most {@code timeout}, and returns the books as they then stand. */
    Tally settle(Duration timeout) {
        try {
            Awaitility.await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).pollInterval(Duration.ofMillis(250))
                    .until(() -> tally().lost() == 0);
        } catch (ConditionTimeoutException e) {
            // The tally says what is missing; the caller's assertion reports it.
        }
        return tally();
    }

    Tally tally() {
        Map<DeliveryPair, Integer> answered = receiver.delivered();
        Map<DeliveryPair, String> dead = deadLetters.poll();
        int delivered = 0;
        int duplicates = 0;
        int deadLettered = 0;
        Set<String> lost = new TreeSet<>();
        Set<String> both = new TreeSet<>();
        for (DeliveryPair pair : expected) {
            int answers = answered.getOrDefault(pair, 0);
            boolean parked = dead.containsKey(pair);
            if (answers > 0) {
                delivered++;
                duplicates += answers - 1;
            }
            if (parked) {
                deadLettered++;
            }
            if (answers == 0 && !parked) {
                lost.add(pair.toString());
            }
            if (answers > 0 && parked) {
                both.add(pair + " dead-lettered as " + dead.get(pair));
            }
        }
        List<String> sample = (lost.isEmpty() ? both : lost).stream().limit(5).toList();
        return new Tally(expected.size(), delivered, duplicates, deadLettered, lost.size(), both.size(), sample);
    }
}
