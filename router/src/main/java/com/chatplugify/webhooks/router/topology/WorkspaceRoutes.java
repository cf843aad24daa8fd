package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhooks of one workspace, disabled ones included: the value of the router's table keyed by workspaceId.
 *
 * @param byWebhookId each webhook's route, by webhook id
 */
public record WorkspaceRoutes(Map<String, WebhookRoute> byWebhookId) {

    public WorkspaceRoutes {
        byWebhookId = Map.copyOf(byWebhookId);
    }

    public static WorkspaceRoutes empty() {
        return new WorkspaceRoutes(Map.of());
    }

    public Set<String> webhookIds() {
        return byWebhookId.keySet();
    }

    public WorkspaceRoutes with(WebhookRoute route) {
        Map<String, WebhookRoute> copy = new HashMap<>(byWebhookId);
        copy.put(route.webhookId(), route);
        return new WorkspaceRoutes(copy);
    }

    WorkspaceRoutes without(String webhookId) {
        Map<String, WebhookRoute> copy = new HashMap<>(byWebhookId);
        copy.remove(webhookId);
        return new WorkspaceRoutes(copy);
    }

    boolean isEmpty() {
        return byWebhookId.isEmpty();
    }

    /**
     * The webhooks that want the event. Disabled webhooks are included: the deliverer parks their deliveries in
     * the dead-letter topic, from where they can be replayed once the webhook is enabled again.
     */
    public List<String> webhooksFor(Event event) {
        List<String> webhookIds = new ArrayList<>(byWebhookId.size());
        for (WebhookRoute route : byWebhookId.values()) {
            // The row is keyed by workspace already; checking again keeps a workspace's events its own even if a
            // row were ever built wrongly.
            if (route.workspaceId().equals(event.workspaceId()) && route.wants(event.event())) {
                webhookIds.add(route.webhookId());
            }
        }
        return webhookIds;
    }
}
