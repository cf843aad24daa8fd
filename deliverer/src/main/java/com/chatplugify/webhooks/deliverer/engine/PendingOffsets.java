package com.chatplugify.webhooks.deliverer.engine;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * The offsets of one partition taken and not finished yet: taken in increasing order (the order a consumer returns
 * them), finished in any order. Kept as a sorted array with a finished flag each, so taking is an append, finishing
 * a binary search, and the lowest unfinished offset is the first entry; finished entries behind an unfinished one
 * are dropped when the array is full. (A {@code TreeSet<Long>} of them, a boxed offset and a tree node per delivery,
 * had 2.4 % of the execution samples of the bench's {@code deliverer} alone; this had 1.4 % in the next profile.)
 *
 * <p>Not thread-safe: the poll thread alone uses it.
 */
final class PendingOffsets {

    private long[] offsets = new long[64];
    private boolean[] finished = new boolean[64];
    /** Entries are {@code [first, end)}; the first is always unfinished. */
    private int first;
    private int end;
    private int unfinished;

    /** Takes {@code offset}; taking one already pending does nothing. */
    void add(long offset) {
        if (end > first && offset <= offsets[end - 1]) {
            insert(offset);
            return;
        }
        if (end == offsets.length) {
            makeRoom();
        }
        offsets[end] = offset;
        finished[end++] = false;
        unfinished++;
    }

    /** Finishes {@code offset}; one not pending is ignored. */
    void finish(long offset) {
        int at = Arrays.binarySearch(offsets, first, end, offset);
        if (at < 0 || finished[at]) {
            return;
        }
        finished[at] = true;
        unfinished--;
        while (first < end && finished[first]) {
            first++;
        }
        if (first == end) {
            first = 0;
            end = 0;
        }
    }

    boolean isEmpty() {
        return unfinished == 0;
    }

    /** The lowest unfinished offset; only when not {@link #isEmpty()}. */
    long lowest() {
        return offsets[first];
    }

    int size() {
        return unfinished;
    }

    /** The lowest unfinished offset that {@code excluded} does not take; {@link Long#MAX_VALUE} when none is left. */
    long lowestOutside(LongPredicate excluded) {
        for (int i = first; i < end; i++) {
            if (!finished[i] && !excluded.test(offsets[i])) {
                return offsets[i];
            }
        }
        return Long.MAX_VALUE;
    }

    /** An offset below the last taken: not how a consumer returns them, but kept in order all the same. */
    private void insert(long offset) {
        int at = Arrays.binarySearch(offsets, first, end, offset);
        if (at >= 0) {
            if (finished[at]) {
                finished[at] = false;
                unfinished++;
            }
            return;
        }
        if (end == offsets.length) {
            makeRoom();
            at = Arrays.binarySearch(offsets, first, end, offset);
        }
        int position = -at - 1;
        System.arraycopy(offsets, position, offsets, position + 1, end - position);
        System.arraycopy(finished, position, finished, position + 1, end - position);
        offsets[position] = offset;
        finished[position] = false;
        end++;
        unfinished++;
    }

    /**
     * Moves the unfinished entries to the front, dropping the finished ones an older unfinished entry kept, and
     * doubles the arrays when they would still be more than half full: the arrays stay within four times the most
     * offsets unfinished at once (64 at least), however long the lowest stays unfinished.
     */
    private void makeRoom() {
        int kept = 0;
        for (int i = first; i < end; i++) {
            if (!finished[i]) {
                offsets[kept++] = offsets[i];
            }
        }
        Arrays.fill(finished, 0, kept, false);
        if (kept > offsets.length / 2) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            finished = Arrays.copyOf(finished, finished.length * 2);
        }
        first = 0;
        end = kept;
    }

    /** How many offsets the arrays have room for. */
    int capacity() {
        return offsets.length;
    }
}
