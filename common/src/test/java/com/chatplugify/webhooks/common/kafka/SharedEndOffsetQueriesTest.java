package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class SharedEndOffsetQueriesTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private record Query(Set<TopicPartition> partitions, CompletableFuture<Map<TopicPartition, Long>> answer) {
    }

    private final List<Query> sent = new CopyOnWriteArrayList<>();
    private final SharedEndOffsetQueries queries = new SharedEndOffsetQueries(partitions -> {
        Query query = new Query(Set.copyOf(partitions), new CompletableFuture<>());
        sent.add(query);
        return query.answer();
    });

    @Test
    void shouldLetTheCallsMadeWhileAQueryIsUnderWayShareTheNextOne() {
        CompletableFuture<Map<TopicPartition, Long>> first = queries.after(List.of(P0));
        CompletableFuture<Map<TopicPartition, Long>> second = queries.after(List.of(P0));
        CompletableFuture<Map<TopicPartition, Long>> third = queries.after(List.of(P1));
        assertThat(sent).hasSize(1);

        sent.get(0).answer().complete(Map.of(P0, 5L));

        assertThat(first).isCompletedWithValue(Map.of(P0, 5L));
        assertThat(second).isNotDone();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).partitions()).containsExactlyInAnyOrder(P0, P1);
        sent.get(1).answer().complete(Map.of(P0, 7L, P1, 2L));
        assertThat(second).isCompletedWithValue(Map.of(P0, 7L, P1, 2L));
        assertThat(third).isSameAs(second);
        assertThat(sent).hasSize(2);
    }

    @Test
    void shouldFailTheCallsOfAFailedQueryAndSendTheNextOneAnyway() {
        CompletableFuture<Map<TopicPartition, Long>> first = queries.after(List.of(P0));
        CompletableFuture<Map<TopicPartition, Long>> second = queries.after(List.of(P0));

        sent.get(0).answer().completeExceptionally(new TimeoutException("slow broker"));

        assertThat(first).isCompletedExceptionally();
        assertThat(sent).hasSize(2);
        sent.get(1).answer().complete(Map.of(P0, 1L));
        assertThat(second).isCompletedWithValue(Map.of(P0, 1L));
    }

    @Test
    void shouldCloseTheEndOffsetsItOwns() {
        AtomicBoolean closed = new AtomicBoolean();
        SharedEndOffsetQueries owning = new SharedEndOffsetQueries(new EndOffsets() {
            @Override
            public CompletableFuture<Map<TopicPartition, Long>> of(Collection<TopicPartition> partitions) {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        });

        owning.close();

        assertThat(closed).isTrue();
    }
}
