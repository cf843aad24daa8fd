package com.chatplugify.webhooks.ingest.history;

/**
 * Attempt latencies counted in fixed buckets 20-33 % wide from 1 ms to 60 s, small enough to keep one per webhook
 * and five minutes. Percentiles are interpolated within their bucket and kept between the smallest and largest
 * latency seen, so they are approximate (a few per cent typically, at worst a bucket's width).
 */
final class LatencyHistogram {

    private static final long[] UPPER_BOUNDS_MS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100,
        120, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000,
        10_000, 12_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000};

    /** One count per bucket, the last for everything beyond 60 s. */
    private final int[] counts = new int[UPPER_BOUNDS_MS.length + 1];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void record(long latencyMs) {
        counts[index(latencyMs)]++;
        total++;
        min = Math.min(min, latencyMs);
        max = Math.max(max, latencyMs);
    }

    void addAll(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long total() {
        return total;
    }

    /** The latency under which {@code quantile} (0 to 1) of the attempts fall, in ms; null when there are none. */
    Long percentile(double quantile) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (below + counts[i] >= rank) {
                long lower = i == 0 ? 0 : UPPER_BOUNDS_MS[i - 1];
                long upper = i < UPPER_BOUNDS_MS.length ? UPPER_BOUNDS_MS[i] : max;
                double within = (rank - below - 0.5) / counts[i];
                long estimate = Math.round(lower + (upper - lower) * within);
                return Math.max(min, Math.min(max, estimate));
            }
            below += counts[i];
        }
        return max;
    }

    private static int index(long latencyMs) {
        for (int i = 0; i < UPPER_BOUNDS_MS.length; i++) {
            if (latencyMs <= UPPER_BOUNDS_MS[i]) {
                return i;
            }
        }
        return UPPER_BOUNDS_MS.length;
    }
}
