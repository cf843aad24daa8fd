package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.Workload;
import java.time.Duration;
import java.util.function.Function;

/**
 * One measurement to make.
 *
 * @param scenario     the scenario's label (a sweep step adds its rate)
 * @param endpoints    where the deliveries go
 * @param workload     the records to send, given the measurement's event id prefix
 * @param rate         events a second; 0 for flat out
 * @param routedOnly   true when no deliverer runs: a delivery is complete once routed
 */
record MeasurementPlan(String scenario, ScenarioEndpoints endpoints, Function<String, Workload> workload, double rate,
                       Duration warmup, Duration duration, Duration hang, boolean routedOnly) {
}
