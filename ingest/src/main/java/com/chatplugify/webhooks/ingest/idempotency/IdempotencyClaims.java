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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The API's side of the idempotency keys: it sends a claim or a settle to the key's owner and completes with the
 * owner's answer, or fails with a {@link java.util.concurrent.TimeoutException} at the command's expiry (past which
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

    /** Releases the claim of request {@code requestId}, recording the events the broker acknowledged. */
    public CompletableFuture<ClaimResult> settle(IdempotencyKey key, String requestId, List<Integer> accepted) {
        return send(key, ClaimCommand.settle(requestId, accepted, clock.instant().plus(timeout)));
    }

    private CompletableFuture<ClaimResult> send(IdempotencyKey key, ClaimCommand command) {
        long untilExpiry = Math.max(1, Duration.between(clock.instant(), command.expiresAt()).toMillis());
        CompletableFuture<ClaimResult> answer = answers.send(producer, command.requestId(), () ->
                new ProducerRecord<>(Topics.IDEMPOTENCY_REQUESTS, key.recordKey(),
                        serde.serialize(Topics.IDEMPOTENCY_REQUESTS, command)));
        return answer.orTimeout(untilExpiry, TimeUnit.MILLISECONDS)
                .whenComplete((result, e) -> answers.forget(command.requestId()));
    }
}
