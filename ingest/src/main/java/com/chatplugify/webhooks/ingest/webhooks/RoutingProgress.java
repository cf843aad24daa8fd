package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How far the router has applied each webhook's subscription records, from its acknowledgements, and the calls
 * waiting for it to get somewhere. An acknowledgement may come before the call that waits for it (the router can
 * be quicker than the owner's result reaches the API), so the latest one per webhook is kept for a while.
 */
final class RoutingProgress {

    /** Longer than any write waits for its acknowledgement. */
    private static final Duration KEEP = Duration.ofMinutes(10);

    private record Seen(RoutingAck ack, long atNanos) {
    }

    private record Waiter(int partition, long offset, CompletableFuture<RoutingAck.Status> future) {

        boolean satisfiedBy(RoutingAck ack) {
            return ack.partition() == partition && ack.offset() >= offset;
        }
    }

    private final Map<String, Seen> latest = new HashMap<>();
    private final Map<String, List<Waiter>> waiters = new HashMap<>();

    /** Completes once the router has applied the record at {@code offset} of {@code partition}, or a later one. */
    synchronized CompletableFuture<RoutingAck.Status> await(String webhookId, int partition, long offset) {
        CompletableFuture<RoutingAck.Status> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(partition, offset, future);
        Seen seen = latest.get(webhookId);
        if (seen != null && waiter.satisfiedBy(seen.ack())) {
            future.complete(seen.ack().status());
            return future;
        }
        waiters.computeIfAbsent(webhookId, id -> new ArrayList<>()).add(waiter);
        future.whenComplete((status, e) -> forget(webhookId, waiter));
        return future;
    }

    synchronized void acknowledged(RoutingAck ack, long nowNanos) {
        Seen seen = latest.get(ack.webhookId());
        if (seen == null || seen.ack().partition() != ack.partition() || seen.ack().offset() < ack.offset()) {
            latest.put(ack.webhookId(), new Seen(ack, nowNanos));
        }
        List<Waiter> waiting = waiters.get(ack.webhookId());
        if (waiting != null) {
            List.copyOf(waiting).stream().filter(waiter -> waiter.satisfiedBy(ack))
                    .forEach(waiter -> waiter.future().complete(ack.status()));
        }
    }

    /** Forgets acknowledgements older than any call still waits for. */
    synchronized void evict(long nowNanos) {
        latest.values().removeIf(seen -> nowNanos - seen.atNanos() > KEEP.toNanos());
    }

    synchronized void failAll(Throwable cause) {
        List<Waiter> all = new ArrayList<>();
        waiters.values().forEach(all::addAll);
        all.forEach(waiter -> waiter.future().completeExceptionally(cause));
    }

    private synchronized void forget(String webhookId, Waiter waiter) {
        List<Waiter> waiting = waiters.get(webhookId);
        if (waiting != null) {
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
                if (it.next() == waiter) {
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                waiters.remove(webhookId);
            }
        }
    }
}
