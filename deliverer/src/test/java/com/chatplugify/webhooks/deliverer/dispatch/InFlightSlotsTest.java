package com.chatplugify.webhooks.deliverer.dispatch;

import static com.chatplugify.webhooks.deliverer.dispatch.Endpoint.Standing.PROMPT;
import static com.chatplugify.webhooks.deliverer.dispatch.Endpoint.Standing.SLOW;
import static com.chatplugify.webhooks.deliverer.dispatch.Endpoint.Standing.UNPROVEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightSlotsTest {

    private final InFlightSlots slots = new InFlightSlots(8);

    @Test
    void shouldGiveSlowEndpointsHalfAndUnprovenOnesAQuarter() {
        for (int i = 0; i < 4; i++) {
            assertThat(slots.tryAcquire(SLOW)).isTrue();
        }
        assertThat(slots.tryAcquire(SLOW)).isFalse();
        assertThat(slots.tryAcquire(UNPROVEN)).isTrue();
        assertThat(slots.tryAcquire(UNPROVEN)).isTrue();
        assertThat(slots.tryAcquire(UNPROVEN)).isFalse();

        assertThat(slots.tryAcquire(PROMPT)).isTrue();
        assertThat(slots.tryAcquire(PROMPT)).isTrue();
        assertThat(slots.tryAcquire(PROMPT)).isFalse();
        assertThat(slots.inUse()).isEqualTo(8);
    }

    @Test
    void shouldLetPromptEndpointsUseEverySlot() {
        for (int i = 0; i < 8; i++) {
            assertThat(slots.tryAcquire(PROMPT)).isTrue();
        }
        assertThat(slots.tryAcquire(UNPROVEN)).isFalse();
    }

    @Test
    void shouldWakePromptWaitersFirstThenUnprovenThenSlow() {
        for (int i = 0; i < 8; i++) {
            slots.tryAcquire(PROMPT);
        }
        List<String> woken = new ArrayList<>();
        slots.awaitSlot(SLOW, () -> woken.add("slow"));
        slots.awaitSlot(UNPROVEN, () -> woken.add("unproven"));
        slots.awaitSlot(PROMPT, () -> woken.add("prompt"));

        slots.release(PROMPT);
        slots.release(PROMPT);
        slots.release(PROMPT);
        assertThat(woken).containsExactly("prompt", "unproven", "slow");
    }

    @Test
    void shouldNotWakeAStandingWhoseShareIsTaken() {
        for (int i = 0; i < 4; i++) {
            slots.tryAcquire(SLOW);
        }
        List<String> woken = new ArrayList<>();
        slots.awaitSlot(SLOW, () -> woken.add("slow"));
        slots.tryAcquire(PROMPT);
        slots.release(PROMPT);

        assertThat(woken).isEmpty();
        slots.release(SLOW);
        assertThat(woken).containsExactly("slow");
    }

    @Test
    void shouldWakeAWaiterWhoseSlotFreedWhileItRegistered() {
        List<String> woken = new ArrayList<>();
        slots.awaitSlot(PROMPT, () -> woken.add("prompt"));

        assertThat(woken).containsExactly("prompt");
    }
}
