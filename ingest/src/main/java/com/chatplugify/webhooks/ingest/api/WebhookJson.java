package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the API shows a webhook. The secret appears only where asked for: on creation and rotation. */
final class WebhookJson {

    private WebhookJson() {
    }

    static Map<String, Object> of(Subscription subscription, boolean withSecret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", subscription.id());
        json.put("workspaceId", subscription.workspaceId());
        json.put("url", subscription.url());
        json.put("events", subscription.events());
        json.put("headers", subscription.headers());
        if (withSecret) {
            json.put("secret", subscription.secret());
        }
        json.put("enabled", subscription.enabled());
        json.put("description", subscription.description());
        json.put("rateLimitPerSecond", subscription.rateLimitPerSecond());
        json.put("createdAt", subscription.createdAt());
        json.put("updatedAt", subscription.updatedAt());
        return json;
    }
}
