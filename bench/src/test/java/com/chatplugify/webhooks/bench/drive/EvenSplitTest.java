package com.chatplugify.webhooks.bench.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvenSplitTest {

    @Test
    void shouldGiveEachGroupItsShareOfEveryRunOfNumbersWithIndexesWithoutGapsOrRepeats() {
        for (long[] weights : new long[][] {{2000, 300}, {300, 2000}, {5, 12}, {1, 1}, {7, 0}, {0, 7}}) {
            EvenSplit split = new EvenSplit(weights[0], weights[1]);
            long total = weights[0] + weights[1];
            List<Long> first = new ArrayList<>();
            List<Long> second = new ArrayList<>();
            for (long number = 0; number < total * 10; number++) {
                (split.inSecond(number) ? second : first).add(split.indexInGroup(number));
            }
            assertThat(second).as("weights %s", List.of(weights[0], weights[1])).hasSize((int) weights[1] * 10);
            assertThat(first).hasSize((int) weights[0] * 10);
            assertThat(first).isEqualTo(sequence(first.size()));
            assertThat(second).isEqualTo(sequence(second.size()));
            assertThat(split.firstBefore(total * 10)).isEqualTo(weights[0] * 10);
        }
    }

    @Test
    void shouldNeverPutTwoOfTheSmallerGroupInARow() {
        EvenSplit split = new EvenSplit(2000, 300);
        for (long number = 1; number < 100_000; number++) {
            assertThat(split.inSecond(number) && split.inSecond(number - 1)).as("numbers %d and %d", number - 1, number).isFalse();
        }
    }

    @Test
    void shouldRefuseNegativeOrZeroWeights() {
        assertThatThrownBy(() -> new EvenSplit(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvenSplit(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> sequence(int size) {
        List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            numbers.add(i);
        }
        Set<Long> distinct = new HashSet<>(numbers);
        assertThat(distinct).hasSize(size);
        return numbers;
    }
}
