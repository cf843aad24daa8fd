package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.ingest.idempotency.ClaimResult.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules of an idempotency key, applied by its owner to one command at a time: the first claim of a key (or of
 * one whose window has passed) is granted with the ids it proposes; a claim with another request under a live key
 * is a conflict; with the same request, it is answered from the key when its events were all accepted, refused
 * while another call holds the claim, and otherwise granted with the key's ids and the events still to publish (a
 * call that failed part-way, or whose claim lapsed). A settle records what its claimant got acknowledged.
 */
final class ClaimDecider {

    /**
     * How long before its expiry a command is already refused. The caller stops waiting at the expiry, and the
     * owner's answer takes time to reach it: committed within the owner's commit interval, then read by the caller,
     * give or take the clocks' skew between instances. A claim granted later than this could reach a caller that
     * already gave up (and told its client nothing was published) and hold the key for the whole lease. At most half
     * the shortest publish timeout, so a call always leaves the owner time to decide.
     */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    /** What the owner writes for the key (null: nothing) and answers. */
    record Decision(KeyRecord next, ClaimResult result) {
    }

    Decision decide(ClaimCommand command, KeyRecord current, Instant now) {
        if (!now.isBefore(command.expiresAt().minus(ANSWER_MARGIN))) {
            return new Decision(null, ClaimResult.of(command.requestId(), Verdict.EXPIRED, null, null));
        }
        KeyRecord live = current != null && now.isBefore(current.expiresAt()) ? current : null;
        return command.kind() == ClaimCommand.Kind.CLAIM ? claim(command, live, now) : settle(command, live);
    }

    private Decision claim(ClaimCommand command, KeyRecord live, Instant now) {
        String requestId = command.requestId();
        if (live == null) {
            KeyRecord fresh = new KeyRecord(command.fingerprint(), command.ids(), command.receivedAt(),
                    now.plus(command.window()), List.of(), requestId, command.leaseUntil());
            return granted(fresh, requestId);
        }
        if (!live.fingerprint().equals(command.fingerprint())) {
            return new Decision(null, ClaimResult.of(requestId, Verdict.CONFLICT, null, live.expiresAt()));
        }
        if (live.complete()) {
            return new Decision(null, ClaimResult.of(requestId, Verdict.REPLAYED, live, null));
        }
        if (live.claimedAt(now)) {
            return new Decision(null, ClaimResult.of(requestId, Verdict.IN_PROGRESS, null, live.leaseUntil()));
        }
        return granted(live.claimedBy(requestId, command.leaseUntil()), requestId);
    }

    private static Decision granted(KeyRecord next, String requestId) {
        return new Decision(next, ClaimResult.of(requestId, Verdict.GRANTED, next, next.leaseUntil()));
    }

    private static Decision settle(ClaimCommand command, KeyRecord live) {
        if (live == null || !command.requestId().equals(live.claimedBy())) {
            return new Decision(null, ClaimResult.of(command.requestId(), Verdict.STALE, live, null));
        }
        KeyRecord settled = live.settled(command.accepted());
        return new Decision(settled, ClaimResult.of(command.requestId(), Verdict.SETTLED, settled, null));
    }
}
