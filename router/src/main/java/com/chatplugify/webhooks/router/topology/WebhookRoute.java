package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.Subscription;
import java.util.List;
import java.util.Objects;

/**
 * What the router needs of a webhook subscription: whose it is, which events it wants, and which version of the
 * subscription that is. URL, headers and secrets stay out of the router's state; the deliverer reads them from
 * the subscriptions topic at attempt time.
 *
 * @param events exact types, {@code family.*} or {@code *}
 */
public record WebhookRoute(String webhookId, String workspaceId, List<String> events, long version) {

    public WebhookRoute {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        events = events == null ? List.of() : List.copyOf(events);
    }

    static WebhookRoute of(Subscription subscription) {
        return new WebhookRoute(subscription.id(), subscription.workspaceId(), subscription.events(),
                subscription.version());
    }

    /**
     * Whether the webhook wants events of that type. Disabled webhooks are routed too: the deliverer parks their
     * deliveries in the dead-letter topic, from where they can be replayed once the webhook is enabled again.
     */
    public boolean wants(String eventType) {
        return EventFilter.matches(events, eventType);
    }
}
