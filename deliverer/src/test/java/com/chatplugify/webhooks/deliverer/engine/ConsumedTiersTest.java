package com.chatplugify.webhooks.deliverer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.kafka.KafkaUnreachableException;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ConsumedTiersTest {

    @Test
    void shouldFindTheTierTopicsBeyondTheScheduleByTheirExactNames() {
        List<String> topics = List.of(Topics.DELIVERIES, Topics.DLQ, Topics.retryTier(1), Topics.retryTier(2),
                Topics.retryTier(5), Topics.retryTier(3), Topics.DELIVERIES + ".retry-03", Topics.DELIVERIES + ".retry-+4",
                Topics.DELIVERIES + ".retry-4x", "other.retry-6", Topics.retryTier(11));

        assertThat(ConsumedTiers.leftover(topics, 2)).containsExactly(3, 5);
    }

    @Test
    void shouldFindNoneWhenTheScheduleNamesEveryTierTopic() {
        assertThat(ConsumedTiers.leftover(Topics.retryTiers(3), 3)).isEmpty();
        assertThat(ConsumedTiers.leftover(Topics.retryTiers(2), 3)).isEmpty();
    }

    @Test
    void shouldSubscribeToTheScheduledTiersAndThenTheLeftOverOnes() {
        ConsumedTiers consumed = new ConsumedTiers(2, List.of(3, 5));

        assertThat(consumed.topics()).containsExactly(Topics.retryTier(1), Topics.retryTier(2), Topics.retryTier(3),
                Topics.retryTier(5));
        assertThat(consumed.tiers()).containsExactly(1, 2, 3, 5);
        assertThat(consumed.highest()).isEqualTo(5);
        assertThat(ConsumedTiers.configured(2).highest()).isEqualTo(2);
    }

    @Test
    void shouldSayWhereItAskedWhenTheClusterDoesNotAnswer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
                throw new TimeoutException("Timeout expired while fetching topic metadata");
            }
        };

        assertThatThrownBy(() -> ConsumedTiers.find(consumer, 3, Duration.ofSeconds(30), "10.0.0.1:9092"))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessage("Cannot list the topics to find retry tiers beyond delivery.retry.delays: no answer from "
                        + "kafka.bootstrap.servers=10.0.0.1:9092 within 30s");
    }

    @Test
    void shouldListTheClustersTopicsThroughTheConsumer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        for (String topic : List.of(Topics.DELIVERIES, Topics.retryTier(1), Topics.retryTier(2), Topics.retryTier(3))) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), new Node[0], new Node[0])));
        }

        assertThat(ConsumedTiers.find(consumer, 1, Duration.ofSeconds(1), "127.0.0.1:9092").leftover()).containsExactly(2, 3);
    }
}
