package com.chatplugify.webhooks.bench.report;

import com.chatplugify.webhooks.bench.measure.MachineInfo;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Everything a bench run found, as written to the JSON file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchReport(
        String startedAt,
        double totalSeconds,
        MachineInfo machine,
        Map<String, Object> settings,
        CeilingResult ceiling,
        List<Measurement> measurements,
        List<SweepResult> sweeps,
        List<ApiResult> api,
        Map<String, Double> ratios,
        List<TargetCheck> targets,
        List<String> notes) {
}
