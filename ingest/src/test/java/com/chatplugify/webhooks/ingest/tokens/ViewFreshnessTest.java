package com.chatplugify.webhooks.ingest.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ViewFreshnessTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final ViewFreshness freshness = new ViewFreshness(Duration.ofSeconds(1));
    private final Map<TopicPartition, Long> positions = new HashMap<>(Map.of(P0, 0L, P1, 0L));

    @Test
    void shouldBeCurrentAsOfWhenTheEndOffsetsWereTakenOnceEveryPartitionReachesThem() {
        assertThat(freshness.checkDue(T0)).isTrue();
        freshness.checking(T0, Map.of(P0, 5L, P1, 2L));
        positions.put(P0, 5L);
        freshness.read(positions::get);
        assertThat(freshness.currentAsOf()).as("partition 1 is behind").isNull();

        positions.put(P1, 2L);
        freshness.read(positions::get);

        assertThat(freshness.currentAsOf()).isEqualTo(T0);
        assertThat(freshness.staleness(T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldCheckOneAtATimeAndNoMoreOftenThanTheInterval() {
        freshness.checking(T0, Map.of(P0, 1L));
        assertThat(freshness.checkDue(T0.plusSeconds(5))).as("one pending").isFalse();

        positions.put(P0, 1L);
        freshness.read(positions::get);

        assertThat(freshness.checkDue(T0.plusMillis(999))).isFalse();
        assertThat(freshness.checkDue(T0.plusSeconds(1))).isTrue();
    }

    @Test
    void shouldStayAsOfTheLastCompletedCheckWhileANewOneIsBehind() {
        freshness.checking(T0, Map.of(P0, 0L));
        freshness.read(positions::get);
        freshness.checking(T0.plusSeconds(1), Map.of(P0, 10L));
        freshness.read(positions::get);

        assertThat(freshness.currentAsOf()).isEqualTo(T0);
        assertThat(freshness.staleness(T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }
}
