package com.chatplugify.webhooks.common.kafka;

import java.util.ArrayList;
import java.util.List;

/** The topic names of DESIGN.md. */
public final class Topics {

    public static final String EVENTS = "chatplugify.events";
    public static final String EVENTS_INVALID = "chatplugify.events.invalid";
    public static final String SUBSCRIPTIONS = "chatplugify.subscriptions";
    public static final String SUBSCRIPTIONS_INVALID = "chatplugify.subscriptions.invalid";
    /** Changes asked of the subscriptions' owner (key = webhookId); it alone writes {@link #SUBSCRIPTIONS}. */
    public static final String SUBSCRIPTION_COMMANDS = "chatplugify.subscription-commands";
    /** What the owner did with each command, read by the API call waiting for it. */
    public static final String SUBSCRIPTION_COMMAND_RESULTS = "chatplugify.subscription-command-results";
    /** The router's acknowledgements that its routing state has a subscription change. */
    public static final String ROUTING_ACKS = "chatplugify.routing-acks";
    public static final String DELIVERIES = "chatplugify.deliveries";
    public static final String DLQ = "chatplugify.deliveries.dlq";
    public static final String DELIVERY_ATTEMPTS = "chatplugify.delivery-attempts";
    /** Compacted record of dead letters already replayed, so a replay never repeats one. */
    public static final String DLQ_REPLAYED = "chatplugify.deliveries.dlq.replayed";
    /** Compacted: the API's workspace tokens (stored hashed) and when each was last used, read by every ingest instance. */
    public static final String API_TOKENS = "chatplugify.api-tokens";
    /** Claims and settlements of idempotency keys (key = the scoped key's hash), for the keys' owners. */
    public static final String IDEMPOTENCY_REQUESTS = "chatplugify.idempotency-requests";
    /** The owners' answers (key = the request id), read by the API call waiting for each. */
    public static final String IDEMPOTENCY_RESULTS = "chatplugify.idempotency-results";
    /**
     * What happened to webhooks, for their owners and operators (key = webhookId): disabled, enabled, failing,
     * recovered, deliveries dead-lettered; see {@code OperationalEvent}.
     */
    public static final String OPERATIONAL_EVENTS = "chatplugify.operational-events";

    private static final String RETRY_PREFIX = DELIVERIES + ".retry-";

    private Topics() {
    }

    /** The retry tier topic for tier {@code tier}, counted from 1. */
    public static String retryTier(int tier) {
        if (tier < 1) {
            throw new IllegalArgumentException("tiers count from 1: " + tier);
        }
        return RETRY_PREFIX + tier;
    }

    /** The retry tier topics {@code retry-1 .. retry-count}. */
    public static List<String> retryTiers(int count) {
        List<String> topics = new ArrayList<>(count);
        for (int tier = 1; tier <= count; tier++) {
            topics.add(retryTier(tier));
        }
        return List.copyOf(topics);
    }

    /** The tier number of a retry topic, or 0 when the topic is not a retry tier. */
    public static int tierOf(String topic) {
        if (!topic.startsWith(RETRY_PREFIX)) {
            return 0;
        }
        try {
            return Integer.parseInt(topic.substring(RETRY_PREFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
