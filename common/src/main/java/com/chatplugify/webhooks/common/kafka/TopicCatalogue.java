package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Every topic the system uses, with its partitions, retention and cleanup policy, as configured. */
public final class TopicCatalogue {

    /**
     * How long a command waits for the subscriptions' owner. An API call waits far less (its command expires with
     * it); a disable asked for by a deliverer never expires, so this bounds how long the owner may be down.
     */
    public static final Duration COMMANDS_RETENTION = Duration.ofDays(1);
    /** Results and routing acknowledgements are read within seconds by the calls waiting for them. */
    public static final Duration CONFIRMATIONS_RETENTION = Duration.ofHours(1);
    /** Operational events are kept as long as dead letters, which they often explain. */
    private static final String OPERATIONAL_EVENTS_RETENTION = CommonConfig.TOPICS_DLQ_RETENTION;

    private TopicCatalogue() {
    }

    public static List<NewTopic> topics(WebhooksConfig config) {
        int partitions = config.getInt(CommonConfig.TOPICS_PARTITIONS);
        short replication = config.getShort(CommonConfig.TOPICS_REPLICATION_FACTOR);
        Duration retryRetention = config.getDuration(CommonConfig.TOPICS_RETRY_RETENTION);

        List<NewTopic> topics = new ArrayList<>();
        topics.add(timeRetained(Topics.EVENTS, partitions, replication, config.getDuration(CommonConfig.TOPICS_EVENTS_RETENTION)));
        topics.add(timeRetained(Topics.EVENTS_INVALID, partitions, replication, config.getDuration(CommonConfig.TOPICS_INVALID_RETENTION)));
        topics.add(timeRetained(Topics.SUBSCRIPTIONS_INVALID, 1, replication, config.getDuration(CommonConfig.TOPICS_INVALID_RETENTION)));
        topics.add(compacted(Topics.SUBSCRIPTIONS, partitions, replication));
        // One partition: a token and its last-use record stay in order, and there are few of them.
        topics.add(compacted(Topics.API_TOKENS, 1, replication));
        topics.add(timeRetained(Topics.SUBSCRIPTION_COMMANDS, partitions, replication, COMMANDS_RETENTION));
        topics.add(timeRetained(Topics.SUBSCRIPTION_COMMAND_RESULTS, partitions, replication, CONFIRMATIONS_RETENTION));
        topics.add(timeRetained(Topics.ROUTING_ACKS, partitions, replication, CONFIRMATIONS_RETENTION));
        topics.add(timeRetained(Topics.IDEMPOTENCY_REQUESTS, partitions, replication, CONFIRMATIONS_RETENTION));
        topics.add(timeRetained(Topics.IDEMPOTENCY_RESULTS, partitions, replication, CONFIRMATIONS_RETENTION));
        topics.add(timeRetained(Topics.DELIVERIES, partitions, replication, retryRetention));
        int tiers = config.getList(CommonConfig.DELIVERY_RETRY_DELAYS).size();
        for (String tier : Topics.retryTiers(tiers)) {
            topics.add(timeRetained(tier, partitions, replication, retryRetention));
        }
        Duration dlqRetention = config.getDuration(CommonConfig.TOPICS_DLQ_RETENTION);
        topics.add(timeRetained(Topics.DLQ, partitions, replication, dlqRetention));
        topics.add(compactedAndRetained(Topics.DLQ_REPLAYED, partitions, replication, dlqRetention));
        topics.add(timeRetained(Topics.OPERATIONAL_EVENTS, partitions, replication,
                config.getDuration(OPERATIONAL_EVENTS_RETENTION)));
        topics.add(timeRetained(Topics.DELIVERY_ATTEMPTS, partitions, replication, config.getDuration(CommonConfig.TOPICS_ATTEMPTS_RETENTION)));
        return List.copyOf(topics);
    }

    private static NewTopic timeRetained(String name, int partitions, short replication, Duration retention) {
        return topic(name, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
    }

    private static NewTopic compacted(String name, int partitions, short replication) {
        return topic(name, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofMinutes(1).toMillis())));
    }

    /** Compacted, and also forgetting keys older than the retention: a marker outlives no dead letter. */
    private static NewTopic compactedAndRetained(String name, int partitions, short replication, Duration retention) {
        return topic(name, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofMinutes(1).toMillis())));
    }

    private static NewTopic topic(String name, int partitions, short replication) {
        return new NewTopic(name, Optional.of(partitions), replication < 0 ? Optional.empty() : Optional.of(replication));
    }
}
