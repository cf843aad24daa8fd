package com.chatplugify.webhooks.ingest.tokens;

import com.chatplugify.webhooks.common.model.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Workspace tokens: issued, listed and revoked by an admin, and checked on every call. Every ingest instance holds
 * them in its {@link TokenView}; a revocation applies on this instance before the call answers, and on every other
 * within {@code maxStaleness}: an instance whose view has not been confirmed current for that long refuses every
 * workspace token until it is again.
 */
public final class ApiTokens {

    /** The longest a call waits for the view to confirm it has everything, for a secret it does not know yet. */
    private static final Duration UNKNOWN_SECRET_WAIT = Duration.ofSeconds(2);

    private final Producer<String, byte[]> producer;
    private final TokenView view;
    private final TokenSecret secrets;
    private final UsageRecorder usage;
    private final Clock clock;
    private final Duration maxStaleness;

    public ApiTokens(Producer<String, byte[]> producer, TokenView view, TokenSecret secrets, Clock clock,
                     Duration maxStaleness) {
        this.producer = producer;
        this.view = view;
        this.secrets = secrets;
        this.usage = new UsageRecorder(producer, view);
        this.clock = clock;
        this.maxStaleness = maxStaleness;
    }

    /** Issues a token; completes, with its secret, once this instance accepts it. */
    public CompletableFuture<IssuedToken> issue(NewToken request) {
        String secret = secrets.generate();
        ApiToken token = new ApiToken(Ids.newTokenId(), request.name(), request.workspaceId(), request.permissions(),
                clock.instant(), request.expiresAt(), TokenSecret.hint(secret), TokenSecret.hash(secret));
        return write(TokenRecords.issued(token)).thenApply(ignored -> new IssuedToken(token, secret));
    }

    /**
     * Revokes a token: completes with true once this instance refuses it, with false when there is no such token.
     * Every other instance refuses it within {@link #maxStaleness()}.
     */
    public CompletableFuture<Boolean> revoke(String tokenId) {
        return view.awaitCurrent().thenCompose(current -> {
            if (view.byId(tokenId).isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            usage.forget(tokenId);
            List<ProducerRecord<String, byte[]>> tombstones = TokenRecords.revoked(tokenId);
            tombstones.subList(0, tombstones.size() - 1).forEach(producer::send);
            return write(tombstones.get(tombstones.size() - 1)).thenApply(ignored -> true);
        });
    }

    /** Completes once this instance holds every token change made before the call, on any instance. */
    public CompletableFuture<Void> awaitCurrent() {
        return view.awaitCurrent();
    }

    public Optional<ApiToken> get(String tokenId) {
        return view.byId(tokenId);
    }

    /** The tokens of a workspace, or every token when {@code workspaceId} is null; oldest first. */
    public List<ApiToken> list(String workspaceId) {
        return view.all().stream().filter(token -> workspaceId == null || workspaceId.equals(token.workspaceId())).toList();
    }

    public Optional<Instant> lastUsedAt(String tokenId) {
        return view.lastUsedAt(tokenId);
    }

    /** How long a revocation may take to apply on every instance. */
    public Duration maxStaleness() {
        return maxStaleness;
    }

    /**
     * What a presented workspace token is. A secret the view does not know may be a token issued a moment ago on
     * another instance: the call then waits, briefly, until the view has caught up, before calling it unknown.
     */
    public Authentication authenticate(String presented) {
        String hash = TokenSecret.hash(presented);
        Optional<ApiToken> found = view.bySecretHash(hash);
        if (found.isEmpty() && caughtUpWithin(UNKNOWN_SECRET_WAIT)) {
            found = view.bySecretHash(hash);
        }
        Instant now = clock.instant();
        Duration staleness = view.staleness();
        if (staleness == null || staleness.compareTo(maxStaleness) > 0) {
            return new Authentication.ViewBehind(staleness == null ? Duration.ZERO : staleness);
        }
        if (found.isEmpty()) {
            return new Authentication.Unknown();
        }
        ApiToken token = found.get();
        if (token.expired(now)) {
            return new Authentication.Expired(token.expiresAt());
        }
        usage.used(token, now);
        return new Authentication.Valid(token);
    }

    private boolean caughtUpWithin(Duration wait) {
        try {
            view.awaitCurrent().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends {@code record}; completes once this instance's view has applied it. */
    private CompletableFuture<Void> write(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            } else {
                sent.complete(metadata);
            }
        });
        return sent.thenCompose(metadata -> view.awaitOffset(metadata.partition(), metadata.offset()));
    }
}
