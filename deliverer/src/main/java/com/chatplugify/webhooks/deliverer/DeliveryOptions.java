package com.chatplugify.webhooks.deliverer;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.deliverer.http.EgressProxy;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The deliverer's settings, read once from the configuration (see {@link DelivererConfig} for each key's meaning
 * and default).
 *
 * @param retryDelays one entry per retry tier: the delay before retry {@code n} is {@code retryDelays[n-1]}
 */
public record DeliveryOptions(
        String groupId,
        Duration sessionTimeout,
        Duration timeout,
        int maxInFlightPerEndpoint,
        int maxInFlight,
        int maxQueuedPerEndpoint,
        int maxBufferedRecords,
        List<Duration> retryDelays,
        Duration retryAfterMax,
        int breakerFailureThreshold,
        Duration breakerOpenDuration,
        Duration breakerSlowCallDuration,
        Duration promptLatency,
        Duration maxAge,
        List<InetSocketAddress> dnsServers,
        Optional<EgressProxy> proxy,
        Duration drainTimeout,
        boolean allowHttp,
        boolean allowPrivateAddresses) {

    public DeliveryOptions {
        retryDelays = List.copyOf(retryDelays);
        dnsServers = List.copyOf(dnsServers);
    }

    public static DeliveryOptions from(WebhooksConfig config) {
        return new DeliveryOptions(
                config.getString(DelivererConfig.GROUP_ID),
                config.getDuration(DelivererConfig.SESSION_TIMEOUT),
                config.getDuration(DelivererConfig.TIMEOUT),
                config.getInt(DelivererConfig.MAX_IN_FLIGHT_PER_ENDPOINT),
                config.getInt(DelivererConfig.MAX_IN_FLIGHT),
                config.getInt(DelivererConfig.MAX_QUEUED_PER_ENDPOINT),
                config.getInt(DelivererConfig.MAX_BUFFERED_RECORDS),
                config.getDurations(CommonConfig.DELIVERY_RETRY_DELAYS),
                config.getDuration(DelivererConfig.RETRY_AFTER_MAX),
                config.getInt(DelivererConfig.BREAKER_FAILURE_THRESHOLD),
                config.getDuration(DelivererConfig.BREAKER_OPEN_DURATION),
                config.getDuration(DelivererConfig.BREAKER_SLOW_CALL_DURATION),
                config.getDuration(DelivererConfig.PROMPT_LATENCY),
                config.getDuration(DelivererConfig.MAX_AGE),
                config.getList(DelivererConfig.DNS_SERVERS).stream().map(DeliveryOptions::hostAndPort).toList(),
                EgressProxy.parse(config.getString(DelivererConfig.PROXY)),
                config.getDuration(DelivererConfig.DRAIN_TIMEOUT),
                config.getBoolean(CommonConfig.DELIVERY_ALLOW_HTTP),
                config.getBoolean(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES));
    }

    private static InetSocketAddress hostAndPort(String entry) {
        int colon = entry.lastIndexOf(':');
        return new InetSocketAddress(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1)));
    }
}
