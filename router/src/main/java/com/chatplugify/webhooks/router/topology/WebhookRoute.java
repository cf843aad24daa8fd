package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.Subscription;
import java.util.List;
import java.util.Objects;

/**
 * What the router needs of a webhook subscription: whose it is and which events it wants. URL, headers and
 * secrets stay out of the router's state; the deliverer reads them from the subscriptions topic at attempt time.
 *
 * @param events exact types, {@code family.*} or {@code *}
 */
public record WebhookRoute(String webhookId, String workspaceId, List<String> events) {

    public WebhookRoute {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        events = events == null ? List.of() : List.copyOf(events);
    }

    static WebhookRoute of(Subscription subscription) {
        return new WebhookRoute(subscription.id(), subscription.workspaceId(), subscription.events());
    }

    boolean wants(String eventType) {
        return EventFilter.matches(events, eventType);
    }
}
