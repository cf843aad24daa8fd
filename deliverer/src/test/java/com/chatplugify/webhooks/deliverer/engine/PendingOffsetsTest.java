package com.chatplugify.webhooks.deliverer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private final PendingOffsets pending = new PendingOffsets();

    @Test
    void shouldGiveTheLowestUnfinishedOffsetWhateverOrderTheyFinishIn() {
        for (long offset = 100; offset < 105; offset++) {
            pending.add(offset);
        }

        pending.finish(103);
        pending.finish(100);
        pending.finish(101);
        assertThat(pending.lowest()).isEqualTo(102);
        assertThat(pending.size()).isEqualTo(2);

        pending.finish(102);
        assertThat(pending.lowest()).isEqualTo(104);
        pending.finish(104);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreOffsetsNotPendingAndOffsetsTakenTwice() {
        pending.add(5);
        pending.add(5);
        pending.finish(6);
        pending.finish(4);

        assertThat(pending.size()).isEqualTo(1);
        pending.finish(5);
        pending.finish(5);
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.size()).isZero();
    }

    @Test
    void shouldKeepAnOffsetTakenBelowTheLastInOrder() {
        pending.add(10);
        pending.add(20);
        pending.add(15);
        pending.finish(10);

        assertThat(pending.lowest()).isEqualTo(15);
        pending.add(12);
        assertThat(pending.lowest()).isEqualTo(12);
        assertThat(pending.size()).isEqualTo(3);
    }

    @Test
    void shouldTakeAgainAnOffsetFinishedBehindAnUnfinishedOne() {
        pending.add(1);
        pending.add(2);
        pending.finish(2);

        pending.add(2);
        pending.finish(1);
        assertThat(pending.lowest()).isEqualTo(2);
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void shouldHoldOnlyAboutWhatIsUnfinishedWhileTheLowestStaysUnfinished() {
        pending.add(0);
        for (long offset = 1; offset <= 1_000_000; offset++) {
            pending.add(offset);
            if (offset > 100) {
                pending.finish(offset - 100);
            }
        }

        assertThat(pending.lowest()).isZero();
        assertThat(pending.size()).isEqualTo(101);
        assertThat(pending.capacity()).isLessThanOrEqualTo(4 * 101);
    }

    @Test
    void shouldAgreeWithASortedSetOverLongRunsOfTakingAndFinishing() {
        Random random = new Random(42);
        TreeSet<Long> expected = new TreeSet<>();
        List<Long> unfinished = new ArrayList<>();
        long next = 0;
        for (int step = 0; step < 200_000; step++) {
            int choice = random.nextInt(100);
            if (choice < 50 || unfinished.isEmpty()) {
                next += 1 + (random.nextInt(10) == 0 ? random.nextInt(3) : 0); // gaps, as transaction markers leave
                take(next, expected, unfinished);
            } else if (choice < 52) {
                take(Math.max(0, next - random.nextInt(50)), expected, unfinished); // below the last: rare
            } else {
                // Mostly the oldest outstanding, as deliveries mostly finish in order, sometimes any of them.
                int index = random.nextInt(4) == 0 ? random.nextInt(unfinished.size()) : 0;
                long offset = unfinished.remove(index);
                expected.remove(offset);
                pending.finish(offset);
            }
            assertThat(pending.size()).isEqualTo(expected.size());
            assertThat(pending.isEmpty()).isEqualTo(expected.isEmpty());
            if (!expected.isEmpty()) {
                assertThat(pending.lowest()).isEqualTo(expected.first());
            }
        }
    }

    private void take(long offset, TreeSet<Long> expected, List<Long> unfinished) {
        if (expected.add(offset)) {
            unfinished.add(offset);
        }
        pending.add(offset);
    }
}
