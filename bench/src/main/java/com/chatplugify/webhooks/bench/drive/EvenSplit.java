package com.chatplugify.webhooks.bench.drive;

/**
 * Event numbers shared between two groups in a fixed proportion, spread evenly: of every {@code first + second}
 * consecutive numbers, {@code second} go to the second group, none two in a row unless the second group has the
 * larger share. Each number's index within its group counts from 0 without gaps.
 *
 * @param first  weight of the first group (e.g. its events a second)
 * @param second weight of the second group
 */
public record EvenSplit(long first, long second) {

    public EvenSplit {
        if (first < 0 || second < 0 || first + second == 0) {
            throw new IllegalArgumentException("weights are not negative and not both zero: " + first + ", " + second);
        }
    }

    /** Whether event {@code number} belongs to the second group. */
    public boolean inSecond(long number) {
        return secondBefore(number + 1) > secondBefore(number);
    }

    /** Its index among the events of its group. */
    public long indexInGroup(long number) {
        return inSecond(number) ? secondBefore(number) : number - secondBefore(number);
    }

    /** Events of the first group among the numbers below {@code count}. */
    public long firstBefore(long count) {
        return count - secondBefore(count);
    }

    private long secondBefore(long count) {
        return count * second / (first + second);
    }
}
