package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The API's way to change a webhook: it sends a {@link SubscriptionCommand} to the subscriptions' owner and
 * completes with the owner's result once this instance's view has read the change (so a read after the write sees
 * it) and the router has it, or {@code routingWait} has passed.
 *
 * <p>It fails with {@link UnconfirmedWriteException} when the result does not come before the command expires; the
 * owner refuses a command after its expiry, so the change then either applied already or never will.
 */
public final class WebhookWrites {

    private final Producer<String, byte[]> producer;
    private final WriteConfirmations confirmations;
    private final CommandCodec commands;
    private final SubscriptionView view;
    private final Duration timeout;
    private final Duration routingWait;
    private final Clock clock;

    /**
     * @param timeout     how long a call waits for the owner's result: the expiry of its commands
     * @param routingWait how long it then waits for the router's acknowledgement
     */
    public WebhookWrites(Producer<String, byte[]> producer, WriteConfirmations confirmations, CommandCodec commands,
                         SubscriptionView view, Duration timeout, Duration routingWait, Clock clock) {
        this.producer = producer;
        this.confirmations = confirmations;
        this.commands = commands;
        this.view = view;
        this.timeout = timeout;
        this.routingWait = routingWait;
        this.clock = clock;
    }

    /** The expiry of a command sent now. */
    public Instant expiry() {
        return clock.instant().plus(timeout);
    }

    /** @param command a command expiring at {@link #expiry()}: the call waits for its result until then at most */
    public CompletableFuture<WriteOutcome> submit(SubscriptionCommand command) {
        long untilExpiry = Math.max(1, Duration.between(clock.instant(), command.expiresAt()).toMillis());
        CompletableFuture<CommandResult> applied = confirmations.send(producer, command.id(), () ->
                        new ProducerRecord<>(Topics.SUBSCRIPTION_COMMANDS, command.webhookId(), commands.encode(command)))
                .thenCompose(result -> result.written()
                        ? view.awaitOffset(result.partition(), result.offset()).thenApply(read -> result)
                        : CompletableFuture.completedFuture(result))
                .orTimeout(untilExpiry, TimeUnit.MILLISECONDS)
                .whenComplete((result, e) -> confirmations.forget(command.id()));
        return applied.handle((result, e) -> {
            if (e != null) {
                Duration left = Duration.between(clock.instant(), command.expiresAt());
                throw new UnconfirmedWriteException(command.expiresAt(), left.isNegative() ? Duration.ZERO : left,
                        e instanceof CompletionException ? e.getCause() : e);
            }
            return result;
        }).thenCompose(this::routed);
    }

    private CompletableFuture<WriteOutcome> routed(CommandResult result) {
        if (!result.written()) {
            return CompletableFuture.completedFuture(new WriteOutcome(result, null));
        }
        return confirmations.routed(result.webhookId(), result.partition(), result.offset())
                .orTimeout(Math.max(1, routingWait.toMillis()), TimeUnit.MILLISECONDS)
                .handle((status, e) -> new WriteOutcome(result, routing(status, e)));
    }

    /** The write is made whatever happens here: not knowing where routing stands is "pending", never an error. */
    private static WriteOutcome.Routing routing(RoutingAck.Status status, Throwable e) {
        if (e != null) {
            return WriteOutcome.Routing.PENDING;
        }
        return status == RoutingAck.Status.ROUTED ? WriteOutcome.Routing.ROUTED : WriteOutcome.Routing.REFUSED;
    }
}
