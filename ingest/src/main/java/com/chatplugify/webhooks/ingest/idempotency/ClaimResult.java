package com.chatplugify.webhooks.ingest.idempotency;

import java.time.Instant;
import java.util.List;

/**
 * The owner's answer to a {@link ClaimCommand}, on {@code chatplugify.idempotency-results}.
 *
 * @param requestId  the command's request
 * @param verdict    what the call may do
 * @param ids        the events' ids (those of the key's first use, which may differ from those proposed)
 * @param receivedAt the timestamp of events sent without one
 * @param accepted   the indexes of the events already acknowledged: the call publishes only the others
 * @param until      {@link Verdict#GRANTED}: when this call's claim lapses (its settle is refused after it);
 *                   {@link Verdict#IN_PROGRESS}: when the current claim lapses; {@link Verdict#CONFLICT}: when the
 *                   key may be used afresh
 */
public record ClaimResult(String requestId, Verdict verdict, List<String> ids, Instant receivedAt,
                          List<Integer> accepted, Instant until) {

    public enum Verdict {
        /** Publish the events not yet accepted, then settle. */
        GRANTED,
        /** The key's request was published whole: answer it again, publish nothing. */
        REPLAYED,
        /** The key was used with another request. */
        CONFLICT,
        /** Another call with this key is publishing now. */
        IN_PROGRESS,
        /** The command came after its expiry; nothing changed. */
        EXPIRED,
        /** A settle recorded. */
        SETTLED,
        /** A settle from a call that no longer holds the claim (it lapsed and another took over); nothing changed. */
        STALE
    }

    static ClaimResult of(String requestId, Verdict verdict, KeyRecord record, Instant until) {
        return record == null
                ? new ClaimResult(requestId, verdict, null, null, null, until)
                : new ClaimResult(requestId, verdict, record.ids(), record.receivedAt(), record.accepted(), until);
    }
}
