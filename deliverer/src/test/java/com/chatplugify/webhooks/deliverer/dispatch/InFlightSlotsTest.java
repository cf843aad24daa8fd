package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightSlotsTest {

    private final InFlightSlots slots = new InFlightSlots(4);

    @Test
    void shouldKeepHalfOfTheSlotsForPromptEndpoints() {
        assertThat(slots.tryAcquire(false)).isTrue();
        assertThat(slots.tryAcquire(false)).isTrue();
        assertThat(slots.tryAcquire(false)).isFalse();

        assertThat(slots.tryAcquire(true)).isTrue();
        assertThat(slots.tryAcquire(true)).isTrue();
        assertThat(slots.tryAcquire(true)).isFalse();
        assertThat(slots.inUse()).isEqualTo(4);
    }

    @Test
    void shouldLetPromptEndpointsUseEverySlot() {
        for (int i = 0; i < 4; i++) {
            assertThat(slots.tryAcquire(true)).isTrue();
        }
        assertThat(slots.tryAcquire(false)).isFalse();
    }

    @Test
    void shouldWakePromptWaitersFirst() {
        for (int i = 0; i < 4; i++) {
            slots.tryAcquire(true);
        }
        List<String> woken = new ArrayList<>();
        slots.awaitSlot(false, () -> woken.add("slow"));
        slots.awaitSlot(true, () -> woken.add("prompt"));

        slots.release(true);
        assertThat(woken).containsExactly("prompt");
        slots.release(true);
        assertThat(woken).containsExactly("prompt", "slow");
    }

    @Test
    void shouldNotWakeOthersWhileTheirHalfIsTaken() {
        slots.tryAcquire(false);
        slots.tryAcquire(false);
        List<String> woken = new ArrayList<>();
        slots.awaitSlot(false, () -> woken.add("slow"));
        slots.tryAcquire(true);
        slots.release(true);

        assertThat(woken).isEmpty();
        slots.release(false);
        assertThat(woken).containsExactly("slow");
    }

    @Test
    void shouldWakeAWaiterWhoseSlotFreedWhileItRegistered() {
        List<String> woken = new ArrayList<>();
        slots.awaitSlot(true, () -> woken.add("prompt"));

        assertThat(woken).containsExactly("prompt");
    }
}
