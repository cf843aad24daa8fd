package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Webhooks as they are now: every read first waits until the view has applied everything written to the
 * subscriptions topic before the call arrived, so a read sees every earlier write, made through this instance or
 * another.
 */
final class CurrentWebhooks {

    private final SubscriptionView view;
    private final Duration timeout;

    CurrentWebhooks(SubscriptionView view, Duration timeout) {
        this.view = view;
        this.timeout = timeout;
    }

    CompletableFuture<Optional<Subscription>> lookup(String id) {
        return caughtUp().thenApply(ignored -> view.get(id));
    }

    /**
     * The webhook as it is now, if {@code caller} may see it; else the 404 of a webhook that does not exist. Judged on
     * the webhook read after the catch-up, the one the caller is answered with: the access check before the handler
     * may have passed on a stale view, before a move to another workspace was read.
     */
    CompletableFuture<Subscription> find(String id, Caller caller) {
        String confinedTo = caller.confinedTo();
        return lookup(id).thenApply(found -> found
                .filter(webhook -> confinedTo == null || confinedTo.equals(webhook.workspaceId()))
                .orElseThrow(() -> ApiException.notFound(notFound(id))));
    }

    /** What a 404 for an unknown webhook says: the same whether it never existed or is another workspace's. */
    static String notFound(String id) {
        return "no webhook with id '" + id + "'";
    }

    /** Every webhook of every workspace. */
    CompletableFuture<Collection<Subscription>> all() {
        return caughtUp().thenApply(ignored -> view.all());
    }

    CompletableFuture<List<Subscription>> ofWorkspace(String workspaceId) {
        return caughtUp().thenApply(ignored -> view.byWorkspace(workspaceId));
    }

    private CompletableFuture<Void> caughtUp() {
        return ApiErrors.within(view.awaitCaughtUp(), timeout, "the webhooks view is behind Kafka");
    }
}
