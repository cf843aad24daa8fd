package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.Subscription;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per change of a webhook, written by the subscriptions' owner once the change is committed (made
 * through the API or asked for by a deliverer): what an operator searches for when a customer asks why deliveries
 * started, stopped or went elsewhere. Only the endpoint's host is logged, never its
 * full URL (which may carry a token), its headers or its secret.
 */
public final class WebhookChangeLog {

    private static final Logger log = LoggerFactory.getLogger(WebhookChangeLog.class);

    private WebhookChangeLog() {
    }

    /** @param change what happened, e.g. {@code created}, {@code replaced}, {@code secret rotated} */
    public static void changed(String change, Subscription webhook) {
        String state = webhook.enabled() ? "enabled" : "disabled";
        LogContext.webhook(webhook.id()).and(LogContext.WORKSPACE_ID, webhook.workspaceId()).run(() ->
                log.info("Webhook {}: {}, events {}, endpoint host {}", change, state, webhook.events(),
                        host(webhook.url())));
    }

    public static void deleted(String webhookId) {
        LogContext.webhook(webhookId).run(() -> log.info("Webhook deleted"));
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null ? host : "(none)";
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }
}
