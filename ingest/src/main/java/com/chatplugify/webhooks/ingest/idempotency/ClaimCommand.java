package com.chatplugify.webhooks.ingest.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an API call asks the owner of an idempotency key, on {@code chatplugify.idempotency-requests} (key = the
 * key's {@link IdempotencyKey#recordKey() record key}).
 *
 * @param kind        {@link Kind#CLAIM} before publishing, {@link Kind#SETTLE} after
 * @param requestId   the call's own id, which its answer names
 * @param fingerprint the request's fingerprint ({@link RequestFingerprint}); a claim only
 * @param ids         the event ids the call proposes, one per event in order; a claim only
 * @param receivedAt  the timestamp given to events without one; a claim only
 * @param window      how long a key first used by this claim is remembered ({@code api.idempotency.window} of the
 *                    instance that received the call); a claim only
 * @param leaseUntil  how long a granted claim keeps others out while the call publishes; a claim only
 * @param expiresAt   past it the owner refuses the command: the call no longer waits for it
 * @param accepted    the indexes of the events the broker acknowledged; a settle only
 */
public record ClaimCommand(Kind kind, String requestId, String fingerprint, List<String> ids, Instant receivedAt,
                           Duration window, Instant leaseUntil, Instant expiresAt, List<Integer> accepted) {

    public enum Kind {
        CLAIM,
        SETTLE
    }

    public static ClaimCommand claim(String requestId, String fingerprint, List<String> ids, Instant receivedAt,
                                     Duration window, Instant leaseUntil, Instant expiresAt) {
        return new ClaimCommand(Kind.CLAIM, requestId, fingerprint, List.copyOf(ids), receivedAt, window, leaseUntil,
                expiresAt, null);
    }

    public static ClaimCommand settle(String requestId, List<Integer> accepted, Instant expiresAt) {
        return new ClaimCommand(Kind.SETTLE, requestId, null, null, null, null, null, expiresAt, List.copyOf(accepted));
    }
}
