package com.chatplugify.webhooks.ingest.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.EndOffsets;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed check of how current the token view is does not stop the next ones. */
class TokenViewFreshnessTest {

    private static final TopicPartition TOKENS = new TopicPartition(Topics.API_TOKENS, 0);

    private TokenView view;

    @AfterEach
    void stop() {
        if (view != null) {
            view.close();
        }
    }

    @Test
    void shouldStartAnotherCheckAfterOneFailedWithANonRetriableError() {
        AtomicInteger queries = new AtomicInteger();
        EndOffsets failingOnce = new EndOffsets() {
            @Override
            public CompletableFuture<Map<TopicPartition, Long>> of(Collection<TopicPartition> partitions) {
                return queries.incrementAndGet() == 1
                        ? CompletableFuture.failedFuture(new KafkaException("not retriable"))
                        : CompletableFuture.completedFuture(Map.of(TOKENS, 0L));
            }
        };
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "127.0.0.1", 9092);
        consumer.updatePartitions(TOKENS.topic(),
                List.of(new PartitionInfo(TOKENS.topic(), 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(TOKENS, 0L));

        view = new TokenView(consumer, failingOnce, Clock.systemUTC(), "test-token-view").start();

        await().atMost(Duration.ofSeconds(10)).until(() -> view.currentAsOf() != null);
        assertThat(queries.get()).isGreaterThanOrEqualTo(2);
        assertThat(view.staleness()).isLessThan(Duration.ofSeconds(10));
    }
}
