package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The webhooks of one workspace: the value of the router's table keyed by workspaceId. */
public record WorkspaceSubscriptions(Map<String, Subscription> byId) {

    public WorkspaceSubscriptions {
        byId = Map.copyOf(byId);
    }

    public static WorkspaceSubscriptions empty() {
        return new WorkspaceSubscriptions(Map.of());
    }

    public WorkspaceSubscriptions with(Subscription subscription) {
        Map<String, Subscription> copy = new LinkedHashMap<>(byId);
        copy.put(subscription.id(), subscription);
        return new WorkspaceSubscriptions(copy);
    }

    public WorkspaceSubscriptions without(String webhookId) {
        Map<String, Subscription> copy = new LinkedHashMap<>(byId);
        copy.remove(webhookId);
        return new WorkspaceSubscriptions(copy);
    }

    /** The webhooks of the event's workspace whose filters select it, disabled ones included. */
    public List<Subscription> matching(Event event) {
        List<Subscription> matches = new ArrayList<>();
        for (Subscription subscription : byId.values()) {
            if (subscription.workspaceId().equals(event.workspaceId()) && subscription.wants(event.event())) {
                matches.add(subscription);
            }
        }
        return matches;
    }
}
