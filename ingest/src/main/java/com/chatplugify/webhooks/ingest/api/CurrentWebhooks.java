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

    /** The webhook, or a 404. */
    CompletableFuture<Subscription> find(String id) {
        return lookup(id).thenApply(found -> found.orElseThrow(() -> ApiException.notFound(notFound(id))));
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
