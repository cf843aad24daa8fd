package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TopicPartitionsTest {

    private static final String TOPIC = "chatplugify.subscriptions";

    /** A consumer whose broker learns of the topic only at the third metadata request, as right after its creation. */
    private static final class LateMetadataConsumer extends MockConsumer<String, byte[]> {

        private final AtomicInteger requests = new AtomicInteger();

        LateMetadataConsumer() {
            super("earliest");
        }

        @Override
        public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
            return requests.incrementAndGet() < 3 ? List.of() : List.of(
                    new PartitionInfo(topic, 0, null, null, null), new PartitionInfo(topic, 1, null, null, null));
        }
    }

    @Test
    void shouldAskAgainUntilTheBrokerKnowsTheTopicsPartitions() {
        LateMetadataConsumer consumer = new LateMetadataConsumer();

        List<TopicPartition> partitions = TopicPartitions.of(consumer, TOPIC, Duration.ofSeconds(30));

        assertThat(partitions).containsExactly(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
        assertThat(consumer.requests).hasValue(3);
    }

    @Test
    void shouldNameTheTopicWhenItsPartitionsStayUnknownPastTheTimeout() {
        try (MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest")) {
            assertThatThrownBy(() -> TopicPartitions.of(consumer, TOPIC, Duration.ofMillis(300)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("topic " + TOPIC + " has no partitions known to Kafka after 300 ms");
        }
    }
}
