package com.chatplugify.webhooks.deliverer.health;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The dead letters of one webhook not yet reported: how many, by reason, first and last dead-lettered. */
record DeadLetterTally(String workspaceId, long count, Map<String, Long> reasons, Instant from, Instant to) {

    static DeadLetterTally first(String workspaceId, String reason, Instant at) {
        return new DeadLetterTally(workspaceId, 1, Map.of(reason, 1L), at, at);
    }

    DeadLetterTally plus(String reason, Instant at) {
        Map<String, Long> counts = new TreeMap<>(reasons);
        counts.merge(reason, 1L, Long::sum);
        return new DeadLetterTally(workspaceId, count + 1, counts, at.isBefore(from) ? at : from,
                at.isAfter(to) ? at : to);
    }
}
