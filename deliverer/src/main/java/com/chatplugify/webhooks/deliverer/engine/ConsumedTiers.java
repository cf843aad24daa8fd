package com.chatplugify.webhooks.deliverer.engine;

import com.chatplugify.webhooks.common.kafka.KafkaUnreachableException;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;

/**
 * The retry tier topics a deliverer consumes: one per entry of {@code delivery.retry.delays}, and every tier topic
 * left over from a longer schedule. After the list is shortened, deliveries still wait in the tiers it no longer
 * names; they are consumed like any tier's until the topic is deleted, come back when due and go on under the
 * current schedule, so shortening the schedule loses none of them.
 */
public final class ConsumedTiers {

    /** {@code delivery.retry.delays} takes at most this many entries: a higher tier was never one of ours. */
    static final int MOST_TIERS = 10;

    private final int configured;
    private final List<Integer> leftover;

    ConsumedTiers(int configured, List<Integer> leftover) {
        this.configured = configured;
        this.leftover = List.copyOf(leftover);
    }

    /** Only the {@code configured} tiers of the schedule. */
    public static ConsumedTiers configured(int configured) {
        return new ConsumedTiers(configured, List.of());
    }

    /**
     * The {@code configured} tiers and the leftover ones among the cluster's topics, listed through {@code consumer}
     * (before it is subscribed). A cluster that does not answer within {@code timeout} stops the start: consuming only
     * the configured tiers would strand what waits in the others, without a word.
     *
     * @param bootstrapServers where the consumer asks, for the error when nothing answers
     */
    public static ConsumedTiers find(Consumer<?, ?> consumer, int configured, Duration timeout, String bootstrapServers) {
        try {
            return new ConsumedTiers(configured, leftover(consumer.listTopics(timeout).keySet(), configured));
        } catch (KafkaException e) {
            if (KafkaUnreachableException.isTimeout(e)) {
                throw new KafkaUnreachableException("Cannot list the topics to find retry tiers beyond "
                        + "delivery.retry.delays: " + KafkaUnreachableException.noAnswer(bootstrapServers, timeout));
            }
            throw new IllegalStateException("Cannot list the topics to find retry tiers beyond delivery.retry.delays: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The tiers above {@code configured} among {@code topics}, lowest first: named exactly as tiers are
     * ({@code retry-03} is not tier 3), and no higher than any schedule can reach.
     */
    static List<Integer> leftover(Collection<String> topics, int configured) {
        List<Integer> tiers = new ArrayList<>();
        for (String topic : topics) {
            int tier = Topics.tierOf(topic);
            if (tier > configured && tier <= MOST_TIERS && topic.equals(Topics.retryTier(tier))) {
                tiers.add(tier);
            }
        }
        tiers.sort(null);
        return tiers;
    }

    /** The tiers beyond the schedule that exist, lowest first; empty unless the schedule was shortened. */
    public List<Integer> leftover() {
        return leftover;
    }

    /** The highest tier consumed: the size of the backlog's table by tier. */
    public int highest() {
        return leftover.isEmpty() ? configured : leftover.get(leftover.size() - 1);
    }

    /** Every tier consumed, the configured ones first: the metrics report each. */
    public List<Integer> tiers() {
        List<Integer> tiers = new ArrayList<>();
        for (int tier = 1; tier <= configured; tier++) {
            tiers.add(tier);
        }
        tiers.addAll(leftover);
        return List.copyOf(tiers);
    }

    /** Every tier topic to subscribe to, the configured ones first. */
    public List<String> topics() {
        return tiers().stream().map(Topics::retryTier).toList();
    }
}
