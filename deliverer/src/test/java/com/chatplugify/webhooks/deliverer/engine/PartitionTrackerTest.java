package com.chatplugify.webhooks.deliverer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionTrackerTest {

    private final PartitionTracker tracker = new PartitionTracker(new TopicPartition("t", 0), 10);

    @Test
    void shouldCommitTheAssignedPositionWhenNothingWasTaken() {
        assertThat(tracker.committable()).isEqualTo(10);
        assertThat(tracker.needsCommit()).isTrue();
    }

    @Test
    void shouldCommitOnlyUpToTheLowestUnfinishedOffset() {
        tracker.add(10);
        tracker.add(11);
        tracker.add(12);

        tracker.complete(12);
        tracker.complete(11);
        assertThat(tracker.committable()).isEqualTo(10);

        tracker.complete(10);
        assertThat(tracker.committable()).isEqualTo(13);
    }

    @Test
    void shouldSkipGapsLeftByTransactionMarkers() {
        tracker.add(10);
        tracker.add(14);
        tracker.complete(10);

        assertThat(tracker.committable()).isEqualTo(14);
        tracker.complete(14);
        assertThat(tracker.committable()).isEqualTo(15);
    }

    @Test
    void shouldAskForACommitOnlyWhenTheOffsetMoved() {
        tracker.add(10);
        tracker.commitRequested(tracker.committable());
        assertThat(tracker.needsCommit()).isFalse();

        tracker.complete(10);
        assertThat(tracker.needsCommit()).isTrue();

        tracker.commitRequested(11);
        tracker.commitFailed();
        assertThat(tracker.needsCommit()).isTrue();
    }
}
