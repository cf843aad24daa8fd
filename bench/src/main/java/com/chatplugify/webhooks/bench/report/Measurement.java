package com.chatplugify.webhooks.bench.report;

import com.chatplugify.webhooks.bench.measure.CpuMeter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The figures of one measurement: one scenario (or one sweep step) on one system.
 *
 * @param system                    {@code pipeline}, {@code baseline} or {@code pipeline-at-least-once}
 * @param rate                      events a second asked for; 0 when flat out
 * @param seconds                   length of the measurement window (after the warm-up)
 * @param eventsSent                records sent in the whole run, warm-up included
 * @param deliveriesExpected        deliveries those records should cause
 * @param deliveriesReceived        distinct (endpoint, event) pairs that arrived (routed, for the router alone)
 * @param duplicates                arrivals of a pair that had already arrived (retries of failing endpoints, redeliveries)
 * @param lost                      expected pairs that had not arrived when the drain timed out
 * @param eventsPerSecond           events sent a second inside the window
 * @param deliveriesPerSecond       first arrivals a second inside the window, all endpoints
 * @param healthyDeliveriesPerSecond first arrivals a second inside the window at healthy endpoints
 * @param latency                   event timestamp → arrival, by endpoint kind, of events stamped inside the window
 * @param routerEventsPerSecond     events the router fanned out a second inside the window (its counter ÷ fan-out)
 * @param delivererAttemptsPerSecond HTTP attempts a second inside the window, from the deliverer's counter
 * @param peakRssMiB                peak resident memory of the bench process during the window (in-process: everything)
 * @param drainSeconds              how long the last deliveries took to arrive after sending stopped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measurement(
        String scenario,
        String system,
        int endpoints,
        int fanout,
        double rate,
        double seconds,
        long eventsSent,
        long deliveriesExpected,
        long deliveriesReceived,
        long duplicates,
        long lost,
        double eventsPerSecond,
        double deliveriesPerSecond,
        double healthyDeliveriesPerSecond,
        Map<String, LatencySummary> latency,
        Double routerEventsPerSecond,
        Double delivererAttemptsPerSecond,
        CpuMeter.Usage cpu,
        long peakRssMiB,
        double drainSeconds,
        List<String> notes) {

    /** The latency of healthy endpoints, or empty figures when none were measured. */
    public LatencySummary healthyLatency() {
        return latency.getOrDefault("healthy", LatencySummary.EMPTY);
    }
}
