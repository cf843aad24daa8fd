package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.common.publisher.InvalidEventException;
import com.chatplugify.webhooks.common.publisher.PublishedEvent;
import com.chatplugify.webhooks.ingest.idempotency.ClaimResult;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyClaims;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the (valid) events of one call, giving each its id and timestamp first so that the answer can name
 * every event, written or not. With an Idempotency-Key the call first claims the key from its owner, publishes only
 * what the key's earlier calls did not get written, with the ids those calls had, then settles the key with what
 * the broker acknowledged.
 */
public final class EventSubmission {

    private static final Logger log = LoggerFactory.getLogger(EventSubmission.class);

    private final EventPublisher publisher;
    private final IdempotencyClaims claims;
    private final Duration timeout;
    private final Clock clock;

    /** @param timeout how long the call waits for the broker's acknowledgements, and for each answer of a key's owner */
    public EventSubmission(EventPublisher publisher, IdempotencyClaims claims, Duration timeout, Clock clock) {
        this.publisher = publisher;
        this.claims = claims;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @param envelopes valid envelopes: an invalid one fails the future with {@link InvalidEventException}
     * @param written   told of every event the broker acknowledged, once
     */
    CompletableFuture<Publication> submit(List<JsonNode> envelopes, Consumer<PublishedEvent> written) {
        List<String> ids = envelopes.stream().map(envelope -> envelope.path("id").isTextual()
                ? envelope.get("id").textValue() : Ids.newEventId()).toList();
        return publish(envelopes, ids, receivedAt(), new TreeSet<>(), written);
    }

    CompletableFuture<Publication> submit(List<JsonNode> envelopes, IdempotencyKey key, String fingerprint,
                                          Consumer<PublishedEvent> written) {
        List<String> proposed = envelopes.stream().map(envelope -> envelope.path("id").isTextual()
                ? envelope.get("id").textValue() : Ids.newEventId()).toList();
        return claims.claim(key, fingerprint, proposed, receivedAt()).handle((claim, e) -> {
            if (e != null) {
                return CompletableFuture.<Publication>completedFuture(new Publication.KeyUnanswered(cause(e)));
            }
            return switch (claim.verdict()) {
                case GRANTED -> publish(envelopes, claim.ids(), claim.receivedAt(), new TreeSet<>(claim.accepted()),
                        written).thenCompose(publication -> settled(key, claim, publication));
                case REPLAYED -> CompletableFuture.<Publication>completedFuture(
                        new Publication.Published(claim.ids(), true));
                case CONFLICT -> CompletableFuture.<Publication>completedFuture(new Publication.KeyReused(claim.until()));
                case IN_PROGRESS -> CompletableFuture.<Publication>completedFuture(new Publication.KeyInUse(
                        claim.until()));
                default -> CompletableFuture.<Publication>completedFuture(new Publication.KeyUnanswered(
                        new IllegalStateException("the key's owner answered " + claim.verdict())));
            };
        }).thenCompose(publication -> publication);
    }

    /** Publishes the events not in {@code accepted} with their {@code ids}; the result counts all the accepted. */
    private CompletableFuture<Publication> publish(List<JsonNode> envelopes, List<String> ids, Instant receivedAt,
                                                   SortedSet<Integer> accepted, Consumer<PublishedEvent> written) {
        List<Integer> indexes = new ArrayList<>();
        List<JsonNode> toPublish = new ArrayList<>();
        for (int index = 0; index < envelopes.size(); index++) {
            if (!accepted.contains(index)) {
                indexes.add(index);
                toPublish.add(identified(envelopes.get(index), ids.get(index), receivedAt));
            }
        }
        List<CompletableFuture<PublishedEvent>> sends = publisher.publishEach(toPublish);
        for (CompletableFuture<PublishedEvent> send : sends) {
            send.thenAccept(written);
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((done, e) -> {
                    SortedSet<Integer> all = new TreeSet<>(accepted);
                    for (int i = 0; i < sends.size(); i++) {
                        if (sends.get(i).isDone() && !sends.get(i).isCompletedExceptionally()) {
                            all.add(indexes.get(i));
                        }
                    }
                    if (e == null) {
                        return new Publication.Published(ids, false);
                    }
                    Throwable cause = cause(e);
                    if (cause instanceof InvalidEventException invalid) {
                        throw invalid;
                    }
                    return new Publication.PartlyPublished(ids, all, cause);
                });
    }

    /**
     * The key records what is written now. The answer waits for the settle up to the timeout (so that a retry right
     * after it is answered from the key), not beyond: the settle goes on until the claim lapses. Should it not be
     * applied by then, a retry publishes again, with the same ids, what it cannot know was written.
     */
    private CompletableFuture<Publication> settled(IdempotencyKey key, ClaimResult claim, Publication publication) {
        List<Integer> accepted = publication instanceof Publication.PartlyPublished partly
                ? List.copyOf(partly.accepted()) : indexes(claim.ids().size());
        // An owner of an earlier version does not say when the claim lapses: its settle keeps the old expiry.
        Instant leaseUntil = claim.until() != null ? claim.until() : clock.instant().plus(timeout);
        CompletableFuture<ClaimResult> settle = claims.settle(key, claim.requestId(), accepted, leaseUntil);
        settle.whenComplete((result, e) -> {
            if (e != null || result.verdict() != ClaimResult.Verdict.SETTLED) {
                log.warn("An idempotency key was not settled ({}); a retry with it may publish its events again, "
                        + "with the same ids", e != null ? cause(e).toString() : result.verdict());
            }
        });
        return settle.handle((result, e) -> publication).completeOnTimeout(publication, timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static JsonNode identified(JsonNode envelope, String id, Instant receivedAt) {
        ObjectNode copy = ((ObjectNode) envelope).deepCopy();
        copy.put("id", id);
        if (!copy.hasNonNull("timestamp")) {
            copy.put("timestamp", receivedAt.toString());
        }
        return copy;
    }

    private Instant receivedAt() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<Integer> indexes(int count) {
        List<Integer> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
