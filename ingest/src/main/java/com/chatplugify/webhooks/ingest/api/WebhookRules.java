package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import java.time.Clock;

/**
 * What a webhook written through the API must satisfy beyond its shape, as the deployment is configured: the
 * deliverer's rule for the URLs it will call, and the clock certificates are judged valid by.
 *
 * @param urls which endpoint and token URLs are acceptable ({@code delivery.allow-http},
 *             {@code delivery.allow-private-addresses})
 */
public record WebhookRules(WebhookUrlPolicy urls, Clock clock) {
}
