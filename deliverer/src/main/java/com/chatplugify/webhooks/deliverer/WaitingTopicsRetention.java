package com.chatplugify.webhooks.deliverer;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.Durations;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.KafkaUnreachableException;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention of the topics deliveries wait in (chatplugify.deliveries and the retry tiers), as the cluster has it.
 * Start-up checks the wait keys against {@code topics.retry.retention}, but a topic keeps the {@code retention.ms} it
 * was created with: one that deletes records before the longest wait is over would lose a waiting delivery without a
 * dead letter, so the deliverer does not start on it.
 */
public final class WaitingTopicsRetention {

    private static final Logger log = LoggerFactory.getLogger(WaitingTopicsRetention.class);

    /** A key bounding how long a delivery may wait in these topics, and its value. */
    record Wait(String key, Duration value) {
    }

    private final Admin admin;
    private final Duration timeout;
    private final String bootstrapServers;

    /** @param bootstrapServers where {@code admin} connects, named when Kafka does not answer */
    public WaitingTopicsRetention(Admin admin, Duration timeout, String bootstrapServers) {
        this.admin = admin;
        this.timeout = timeout;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Refuses topics that keep records no longer than the longest wait the config allows. Without the right to read
     * topic configs ({@code DescribeConfigs}) it logs that it could not check, and lets the deliverer start.
     *
     * @param justCreated the topics this start created, with the retention the config asks: not read back
     * @throws ConfigException naming the topic, its retention.ms and the wait key it does not outlast
     * @throws KafkaUnreachableException when Kafka does not answer within the timeout
     */
    public void require(WebhooksConfig config, Set<String> justCreated) {
        List<String> topics = new ArrayList<>();
        topics.add(Topics.DELIVERIES);
        topics.addAll(Topics.retryTiers(config.getDurations(CommonConfig.DELIVERY_RETRY_DELAYS).size()));
        // Those just created carry the retention the config asks, which start-up checked against the waits.
        topics.removeAll(justCreated);
        require(topics, longestWait(config));
    }

    void require(List<String> topics, Wait longest) {
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(topics.stream()
                .map(WaitingTopicsRetention::resource).toList(),
                new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis())).values();
        for (String topic : topics) {
            Config topicConfig;
            try {
                topicConfig = configs.get(resource(topic)).get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading the retry topics' retention", e);
            } catch (ExecutionException | TimeoutException e) {
                if (KafkaUnreachableException.isTimeout(e)) {
                    throw new KafkaUnreachableException("Cannot read the retry topics' retention: "
                            + KafkaUnreachableException.noAnswer(bootstrapServers, timeout));
                }
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    // Listed, yet not known to the broker asked: created a moment ago by another instance, with the
                    // retention the config asks.
                    continue;
                }
                if (e.getCause() instanceof AuthorizationException) {
                    log.warn("Cannot check that {} and the retry tiers keep records longer than {} = {}: {}. Grant "
                                    + "DescribeConfigs on them to have it checked at start-up.", Topics.DELIVERIES,
                            longest.key(), Durations.format(longest.value()), e.getCause().getMessage());
                    return;
                }
                throw new IllegalStateException("Cannot read the retry topics' retention: "
                        + KafkaUnreachableException.describe(e, bootstrapServers, timeout), e);
            }
            requireOutlasts(topic, topicConfig.get(TopicConfig.RETENTION_MS_CONFIG), longest);
        }
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    /** The longest a delivery may wait in these topics, by the key that allows it. */
    static Wait longestWait(WebhooksConfig config) {
        return List.of(
                        new Wait(CommonConfig.DELIVERY_RETRY_DELAYS, config.getDurations(CommonConfig.DELIVERY_RETRY_DELAYS)
                                .stream().max(Comparator.naturalOrder()).orElseThrow()),
                        new Wait(DelivererConfig.RETRY_AFTER_MAX, config.getDuration(DelivererConfig.RETRY_AFTER_MAX)),
                        new Wait(DelivererConfig.MAX_AGE, config.getDuration(DelivererConfig.MAX_AGE)))
                .stream().max(Comparator.comparing(Wait::value)).orElseThrow();
    }

    /** @param retention the topic's {@code retention.ms}; absent or negative keeps records for ever */
    static void requireOutlasts(String topic, ConfigEntry retention, Wait longest) {
        if (retention == null || retention.value() == null) {
            return;
        }
        long millis = Long.parseLong(retention.value());
        if (millis >= 0 && Duration.ofMillis(millis).compareTo(longest.value()) <= 0) {
            throw new ConfigException("Topic " + topic + " keeps records " + Durations.format(Duration.ofMillis(millis))
                    + " (retention.ms=" + millis + "), not longer than " + longest.key() + " = "
                    + Durations.format(longest.value()) + ": a delivery waiting there that long would be deleted "
                    + "without a dead letter. A topic keeps the retention it was created with whatever "
                    + CommonConfig.TOPICS_RETRY_RETENTION + " says now: raise its retention.ms (kafka-configs.sh "
                    + "--alter --entity-type topics --entity-name " + topic + " --add-config retention.ms=...), or "
                    + "shorten " + longest.key() + ".");
        }
    }
}
