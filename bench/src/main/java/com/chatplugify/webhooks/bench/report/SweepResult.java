package com.chatplugify.webhooks.bench.report;

import java.util.List;

/**
 * A rate sweep on one system.
 *
 * @param highestPassingRate the highest rate whose step met the goal; 0 when none did
 */
public record SweepResult(String system, double latencyGoalMs, List<Step> steps, double highestPassingRate) {

    /**
     * One step: {@code passed} when healthy p99 stayed under the goal, deliveries kept up with the rate (95 %) and
     * nothing was lost.
     */
    public record Step(double rate, double p99Ms, double deliveriesPerSecond, long lost, boolean passed) {
    }
}
