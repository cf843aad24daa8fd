package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.net.AddressPolicy;
import java.time.Clock;

/**
 * What a webhook written through the API must satisfy beyond its shape, as the deployment is configured: the
 * deliverer's rules for the URLs it will call, and the clock certificates are judged valid by.
 *
 * @param allowHttp whether http:// URLs are acceptable ({@code delivery.allow-http})
 * @param addresses which literal IPs are acceptable ({@code delivery.allow-private-addresses})
 */
public record WebhookRules(boolean allowHttp, AddressPolicy addresses, Clock clock) {
}
