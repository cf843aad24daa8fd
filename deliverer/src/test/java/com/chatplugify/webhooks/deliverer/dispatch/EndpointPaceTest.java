package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointPaceTest {

    private final EndpointPace pace = new EndpointPace();

    @Test
    void shouldKnowNothingBeforeAnAttemptEnds() {
        assertThat(pace.measured()).isFalse();
        assertThat(pace.latencyNanos(1_000)).isZero();
    }

    @Test
    void shouldAverageTheDurationsOfAttemptsThatWereSent() {
        pace.finished(pace.started(0), 100, true);
        pace.finished(pace.started(1_000), 1_200, true);
        pace.finished(pace.started(2_000), 9_000, false);

        assertThat(pace.measured()).isTrue();
        assertThat(pace.latencyNanos(10_000)).isEqualTo(120);
    }

    @Test
    void shouldCountTheOldestAttemptInFlightAsItsLatency() {
        pace.finished(pace.started(0), 100, true);
        pace.started(1_000);
        pace.started(5_000);

        assertThat(pace.latencyNanos(1_050)).isEqualTo(100);
        assertThat(pace.latencyNanos(11_000)).isEqualTo(10_000);
    }

    @Test
    void shouldTrackMoreAttemptsThanItFirstMadeRoomFor() {
        int[] slots = new int[10];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = pace.started(i);
        }
        for (int slot : slots) {
            pace.finished(slot, 100, false);
        }

        assertThat(pace.latencyNanos(1_000_000)).isZero();
    }
}
