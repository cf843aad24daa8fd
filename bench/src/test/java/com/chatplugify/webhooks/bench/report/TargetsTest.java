package com.chatplugify.webhooks.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.bench.measure.CpuUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void shouldCompareThePipelineWithTheBaselineOfTheSameRun() {
        Targets targets = new Targets(List.of(
                measurement("healthy", Targets.PIPELINE, 2000, 2000, 20),
                measurement("hung", Targets.PIPELINE, 2000, 1960, 25),
                measurement("hung", Targets.BASELINE, 2000, 49, 9000)), List.of(), null);

        Map<String, Double> ratios = targets.ratios();

        assertThat(ratios).containsEntry("hungVsHealthyP99", 1.25).containsEntry("hungHealthyThroughputVsBaseline", 40.0);
        assertThat(targets.checks()).filteredOn(check -> check.target().startsWith("healthy p99 with a hung"))
                .singleElement().satisfies(check -> assertThat(check.met()).isTrue());
        assertThat(targets.checks()).filteredOn(check -> check.target().startsWith("p99 at 2,000"))
                .singleElement().satisfies(check -> assertThat(check.met()).isTrue());
    }

    @Test
    void shouldLeaveATargetOpenWhenTheRunDidNotMeasureIt() {
        Targets targets = new Targets(List.of(measurement("healthy", Targets.PIPELINE, 500, 500, 20)), List.of(), null);

        assertThat(targets.ratios()).isEmpty();
        assertThat(targets.checks()).allSatisfy(check -> assertThat(check.met()).isNull());
    }

    private static Measurement measurement(String scenario, String system, double rate, double healthyPerSecond, double p99) {
        LatencySummary latency = new LatencySummary(1000, p99 / 2, p99 * 0.9, p99, p99 * 1.1, p99 * 1.2);
        CpuUsage cpu = new CpuUsage(1, 50, Map.of("broker", 0.5), 0.8, 0.2, 1.2, 0.8, 0.0, 0.2, List.of());
        return new Measurement(scenario, system, 50, 1, rate, 0, 30, 60_000, 60_000, 60_000, 0, 0, 0, rate, healthyPerSecond,
                healthyPerSecond, Map.of("healthy", latency), null, null, null, cpu, 400.0, 600.0, 700, 300, null, 1, null,
                List.of());
    }
}
