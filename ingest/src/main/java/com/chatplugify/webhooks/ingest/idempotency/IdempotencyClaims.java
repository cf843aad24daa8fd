package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The API's side of the idempotency keys: it sends a claim or a settle to the key's owner and completes with the
 * owner's answer, or fails with a {@link TimeoutException} at the command's expiry (past which
 * the owner refuses it, so it then either applied already or never will).
 */
public final class IdempotencyClaims {

    private final Producer<String, byte[]> producer;
    private final AwaitedAnswers<ClaimResult> answers;
    private final Duration timeout;
    private final Duration window;
    private final Clock clock;
    private final JsonSerde<ClaimCommand> serde = new JsonSerde<>(ClaimCommand.class);

    /**
     * @param timeout how long a call waits for each answer, and for the broker to acknowledge its events
     * @param window  how long a key is remembered after its first use ({@code api.idempotency.window})
     */
    public IdempotencyClaims(Producer<String, byte[]> producer, AwaitedAnswers<ClaimResult> answers, Duration timeout,
                             Duration window, Clock clock) {
        this.producer = producer;
        this.answers = answers;
        this.timeout = timeout;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Claims {@code key} for a request with {@code fingerprint} whose events would get {@code ids}. A granted claim
     * keeps other calls out for as long as this one may take to publish and settle.
     */
    public CompletableFuture<ClaimResult> claim(IdempotencyKey key, String fingerprint, List<String> ids,
                                                Instant receivedAt) {
        Instant now = clock.instant();
        return send(key, ClaimCommand.claim(UUID.randomUUID().toString(), fingerprint, ids, receivedAt, window,
                now.plus(timeout.multipliedBy(3)), now.plus(timeout)));
    }

    /**
     * Releases the claim of request {@code requestId}, recording the events the broker acknowledged. The settle may
     * be applied until the claim lapses at {@code leaseUntil} (the owner's {@link ClaimResult#until()} of the grant):
     * it is sent again each time an answer does not come within the timeout (the key's owners may be moving between
     * instances), and fails with a {@link java.util.concurrent.TimeoutException} only when the lease ends.
     */
    public CompletableFuture<ClaimResult> settle(IdempotencyKey key, String requestId, List<Integer> accepted,
                                                 Instant leaseUntil) {
        ClaimCommand command = ClaimCommand.settle(requestId, accepted, leaseUntil);
        CompletableFuture<ClaimResult> settled = new CompletableFuture<>();
        sendUntilAnswered(key, command, settled);
        return settled.whenComplete((result, e) -> answers.forget(requestId));
    }

    /**
     * Sends {@code command} and waits up to the timeout for its answer, then sends it again: the owner answers a
     * settle of a released claim without changing it, and the first answer completes the call.
     */
    private void sendUntilAnswered(IdempotencyKey key, ClaimCommand command, CompletableFuture<ClaimResult> settled) {
        Instant sentAt = clock.instant();
        // The owner refuses a command this close to its expiry: sending it then would be in vain.
        Duration left = Duration.between(sentAt, command.expiresAt().minus(ClaimDecider.ANSWER_MARGIN));
        if (left.toMillis() < 1) {
            settled.completeExceptionally(
                    new TimeoutException("no answer from the key's owner before " + command.expiresAt()));
            return;
        }
        Duration wait = left.compareTo(timeout) < 0 ? left : timeout;
        answers.send(producer, command.requestId(), () -> record(key, command))
                .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, e) -> {
                    if (e == null) {
                        settled.complete(result);
                        return;
                    }
                    if (!(cause(e) instanceof TimeoutException)) {
                        // The send failed: waiting on it again would fail at once; it is sent afresh.
                        answers.forget(command.requestId());
                    }
                    long untilNextSend = Math.max(0, Duration.between(clock.instant(), sentAt.plus(wait)).toMillis());
                    CompletableFuture.runAsync(() -> sendUntilAnswered(key, command, settled),
                            CompletableFuture.delayedExecutor(untilNextSend, TimeUnit.MILLISECONDS));
                });
    }

    private CompletableFuture<ClaimResult> send(IdempotencyKey key, ClaimCommand command) {
        long untilExpiry = Math.max(1, Duration.between(clock.instant(), command.expiresAt()).toMillis());
        CompletableFuture<ClaimResult> answer = answers.send(producer, command.requestId(), () -> record(key, command));
        return answer.orTimeout(untilExpiry, TimeUnit.MILLISECONDS)
                .whenComplete((result, e) -> answers.forget(command.requestId()));
    }

    private ProducerRecord<String, byte[]> record(IdempotencyKey key, ClaimCommand command) {
        return new ProducerRecord<>(Topics.IDEMPOTENCY_REQUESTS, key.recordKey(),
                serde.serialize(Topics.IDEMPOTENCY_REQUESTS, command));
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
