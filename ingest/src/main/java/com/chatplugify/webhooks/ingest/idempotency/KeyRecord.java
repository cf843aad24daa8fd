package com.chatplugify.webhooks.ingest.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the owner keeps for one idempotency key until {@code expiresAt}: the request it was first used with, the ids
 * its events got, which of them the broker acknowledged, and who, if anyone, is publishing them now.
 *
 * @param fingerprint the first request's fingerprint: another one under the key is a conflict
 * @param ids         the events' ids, in the request's order
 * @param receivedAt  the timestamp of events sent without one
 * @param expiresAt   when the key may be used afresh (the first use plus {@code api.idempotency.window})
 * @param accepted    the indexes of the events already acknowledged, ascending
 * @param claimedBy   the request publishing the rest, or null
 * @param leaseUntil  until when {@code claimedBy} keeps others out
 */
public record KeyRecord(String fingerprint, List<String> ids, Instant receivedAt, Instant expiresAt,
                        List<Integer> accepted, String claimedBy, Instant leaseUntil) {

    public KeyRecord {
        ids = List.copyOf(ids);
        accepted = List.copyOf(accepted);
    }

    /** Every event acknowledged: a retry is answered from here and publishes nothing. */
    public boolean complete() {
        return accepted.size() == ids.size();
    }

    boolean claimedAt(Instant now) {
        return claimedBy != null && now.isBefore(leaseUntil);
    }

    KeyRecord claimedBy(String requestId, Instant until) {
        return new KeyRecord(fingerprint, ids, receivedAt, expiresAt, accepted, requestId, until);
    }

    /** Released by its claimant, with {@code more} events acknowledged. */
    KeyRecord settled(List<Integer> more) {
        SortedSet<Integer> all = new TreeSet<>(accepted);
        more.stream().filter(index -> index >= 0 && index < ids.size()).forEach(all::add);
        return new KeyRecord(fingerprint, ids, receivedAt, expiresAt, List.copyOf(all), null, null);
    }
}
