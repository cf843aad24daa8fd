package com.chatplugify.webhooks.bench.report;

import com.chatplugify.webhooks.bench.measure.CpuUsage;
import com.chatplugify.webhooks.bench.measure.ProfileSummary;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The figures of one measurement: one scenario (or one sweep step) on one system.
 *
 * @param system                     {@code pipeline}, a baseline's name, {@code pipeline-at-least-once} or {@code router-only}
 * @param rate                       events a second asked for; 0 when flat out
 * @param maxInFlight                when flat out, deliveries the driver let be outstanding at most; 0 at a fixed rate
 * @param seconds                    length of the measurement window (after the warm-up)
 * @param eventsSent                 records sent in the whole run, warm-up included
 * @param deliveriesExpected         deliveries those records should cause, of the endpoints waited for
 * @param deliveriesReceived         distinct (endpoint, event) pairs that arrived (routed, for the router alone)
 * @param duplicates                 arrivals of a pair that had already arrived (retries of failing endpoints, redeliveries)
 * @param outOfOrder                 first arrivals of an event published after another that had already arrived there
 * @param lost                       expected pairs that had not arrived when the drain timed out
 * @param eventsPerSecond            events sent a second inside the window
 * @param deliveriesPerSecond        first arrivals a second inside the window, all endpoints
 * @param healthyDeliveriesPerSecond first arrivals a second inside the window at healthy endpoints
 * @param latency                    event timestamp → arrival, by endpoint kind, of events stamped inside the window
 * @param routerEventsPerSecond      events the router fanned out a second inside the window (its counter ÷ fan-out)
 * @param delivererAttemptsPerSecond HTTP attempts a second inside the window, from the deliverer's counter
 * @param attemptsWithoutStatusPerSecond attempts a second that got no HTTP status (refused, timed out)
 * @param cpu                        CPU by component, the system's, the harness's and the machine's
 * @param systemMicrosPerDelivery    CPU of the system under test per delivery inside the window, µs
 * @param machineMicrosPerDelivery   CPU of the whole machine per delivery inside the window, µs
 * @param peakRssMiB                 peak resident memory of the bench process during the window (in-process: everything)
 * @param peakHeapMiB                peak heap in use during the window
 * @param peakDeliveriesHeld         peak deliveries the deliverer held in memory; null where the system does not tell
 * @param drainSeconds               how long the last deliveries took to arrive after sending stopped
 * @param profile                    where the CPU went, with {@code --profile}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measurement(
        String scenario,
        String system,
        int endpoints,
        int fanout,
        double rate,
        long maxInFlight,
        double seconds,
        long eventsSent,
        long deliveriesExpected,
        long deliveriesReceived,
        long duplicates,
        long outOfOrder,
        long lost,
        double eventsPerSecond,
        double deliveriesPerSecond,
        double healthyDeliveriesPerSecond,
        Map<String, LatencySummary> latency,
        Double routerEventsPerSecond,
        Double delivererAttemptsPerSecond,
        Double attemptsWithoutStatusPerSecond,
        CpuUsage cpu,
        Double systemMicrosPerDelivery,
        Double machineMicrosPerDelivery,
        long peakRssMiB,
        long peakHeapMiB,
        Long peakDeliveriesHeld,
        double drainSeconds,
        ProfileSummary profile,
        List<String> notes) {

    /** The latency of healthy endpoints, or empty figures when none were measured. */
    public LatencySummary healthyLatency() {
        return latency.getOrDefault("healthy", LatencySummary.EMPTY);
    }
}
