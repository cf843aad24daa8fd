package com.chatplugify.webhooks.bench.report;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds.
 *
 * @param count how many values were recorded
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** @param micros a histogram of microseconds */
    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
