package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the API shows a webhook. The secret appears only where asked for: on creation, on rotation, and from
 * {@code GET /v1/webhooks/{id}/secret}; retiring secrets never appear, only when they stop signing.
 */
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
        json.put("version", subscription.version());
        json.put("disabledReason", subscription.disabledReason());
        return json;
    }

    /** The webhook after a rotation: its new secret, and until when each replaced one keeps signing. */
    static Map<String, Object> withRotation(Subscription subscription) {
        Map<String, Object> json = of(subscription, true);
        json.put("retiringSecretsExpireAt", subscription.retiringSecrets().stream()
                .map(Subscription.RetiringSecret::expiresAt).toList());
        return json;
    }
}
