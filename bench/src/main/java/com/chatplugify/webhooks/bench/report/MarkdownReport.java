package com.chatplugify.webhooks.bench.report;

import com.chatplugify.webhooks.bench.measure.MachineInfo;
import com.chatplugify.webhooks.bench.measure.ProfileSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as Markdown tables: what the console shows at the end and what BENCHMARKS.md takes its tables from. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Chatplugify Webhooks bench, ").append(report.startedAt()).append("\n\n");
        machine(md, report.machine());
        measurements(md, report.measurements());
        if (!report.sweeps().isEmpty()) {
            sweeps(md, report.sweeps());
        }
        if (!report.api().isEmpty()) {
            api(md, report.api());
        }
        if (report.ceiling() != null) {
            CeilingResult ceiling = report.ceiling();
            md.append("## Kafka producer ceiling (ProducerPerformance, same broker)\n\n")
                    .append("| records | bytes each | records/s | MB/s | avg latency ms | p99 latency ms | producer |\n")
                    .append("| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
                    .append(row(String.format(Locale.ROOT, "%,d", ceiling.records()), Integer.toString(ceiling.recordBytes()),
                            num(ceiling.recordsPerSecond()), num(ceiling.mbPerSecond()), num(ceiling.avgLatencyMs()),
                            num(ceiling.p99LatencyMs()), ceiling.producerSettings()))
                    .append('\n');
        }
        if (!report.ratios().isEmpty()) {
            md.append("## Ratios\n\n| ratio | value |\n| --- | ---: |\n");
            report.ratios().forEach((name, value) -> md.append(row(name, num(value))));
            md.append('\n');
        }
        md.append("## Targets\n\n| target | goal | measured | met | from |\n| --- | --- | ---: | --- | --- |\n");
        for (TargetCheck check : report.targets()) {
            md.append(row(check.target(), check.goal(), check.measured(),
                    check.met() == null ? "–" : check.met() ? "yes" : "**no**", check.basis()));
        }
        List<String> notes = new ArrayList<>(report.notes());
        report.measurements().forEach(m -> m.notes().forEach(note -> notes.add(m.scenario() + "/" + m.system() + ": " + note)));
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static void machine(StringBuilder md, MachineInfo machine) {
        md.append("## Machine\n\n| CPU | cores | memory | OS | Java | JVM options | Kafka | version | commit |\n")
                .append("| --- | ---: | ---: | --- | --- | --- | --- | --- | --- |\n")
                .append(row(machine.cpuModel(), Integer.toString(machine.cores()),
                        String.format(Locale.ROOT, "%.1f GiB", machine.memoryMiB() / 1024.0), machine.os(), machine.java(),
                        machine.jvmArgs().isEmpty() ? "–" : "`" + machine.jvmArgs() + "`", machine.kafkaVersion(),
                        machine.webhooksVersion(), machine.gitCommit()))
                .append('\n');
    }

    private static void measurements(StringBuilder md, List<Measurement> measurements) {
        md.append("## Scenarios\n\nLatency is event timestamp → arrival at a healthy endpoint, ms. CPU in cores busy: "
                        + "the system under test (broker, roles or baseline, JVM), the bench's harness (receiver and driver), "
                        + "and the machine's idle cores; µs/delivery is the system's CPU per delivery.\n\n")
                .append("| scenario | system | rate | endpoints | fan-out | deliveries/s | healthy/s | p50 | p99 | p99.9 "
                        + "| router events/s | attempts/s | CPU system | CPU harness | machine idle | µs/delivery "
                        + "| peak RSS MiB | out of order | lost |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                        + "| ---: | ---: | ---: | ---: | ---: |\n");
        for (Measurement m : measurements) {
            LatencySummary latency = m.healthyLatency();
            boolean timed = latency.count() > 0;
            md.append(row(m.scenario(), m.system(),
                    m.rate() == 0 ? "flat out ≤ " + m.maxInFlight() + " in flight" : num(m.rate()),
                    Integer.toString(m.endpoints()), Integer.toString(m.fanout()), num(m.deliveriesPerSecond()),
                    num(m.healthyDeliveriesPerSecond()), timed ? num(latency.p50()) : "–", timed ? num(latency.p99()) : "–",
                    timed ? num(latency.p999()) : "–", orDash(m.routerEventsPerSecond()), orDash(m.delivererAttemptsPerSecond()),
                    num(m.cpu().system()), num(m.cpu().harness()), orDash(m.cpu().machineIdle()),
                    orDash(m.systemMicrosPerDelivery()), Long.toString(m.peakRssMiB()), Long.toString(m.outOfOrder()),
                    Long.toString(m.lost())));
        }
        md.append("\nCPU by component (cores):\n\n| scenario | system | by component |\n| --- | --- | --- |\n");
        for (Measurement m : measurements) {
            md.append(row(m.scenario(), m.system(), m.cpu().byComponent().entrySet().stream()
                    .map(e -> e.getKey() + " " + num(e.getValue())).collect(Collectors.joining(", "))));
        }
        md.append('\n');
        List<String> otherKinds = measurements.stream()
                .flatMap(m -> m.latency().entrySet().stream().filter(e -> !e.getKey().equals("healthy"))
                        .map(e -> row(m.scenario(), m.system(), e.getKey(), Long.toString(e.getValue().count()),
                                num(e.getValue().p50()), num(e.getValue().p99()), num(e.getValue().max()))))
                .toList();
        if (!otherKinds.isEmpty()) {
            md.append("First arrival at the other endpoints (ms):\n\n| scenario | system | endpoints | arrivals | p50 | p99 | max |\n")
                    .append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
            otherKinds.forEach(md::append);
            md.append('\n');
        }
        profiles(md, measurements);
    }

    /** The profiled windows: share of samples by component, and the methods most often on top of the stack. */
    private static void profiles(StringBuilder md, List<Measurement> measurements) {
        List<Measurement> profiled = measurements.stream().filter(m -> m.profile() != null).toList();
        if (profiled.isEmpty()) {
            return;
        }
        md.append("## Where the CPU goes (JFR execution samples, % of samples)\n\n")
                .append("| scenario | system | recording | samples | by component | top frames |\n")
                .append("| --- | --- | --- | ---: | --- | --- |\n");
        for (Measurement m : profiled) {
            ProfileSummary profile = m.profile();
            md.append(row(m.scenario(), m.system(), profile.file(), Long.toString(profile.samples()), shares(profile.byComponent(), 10),
                    shares(profile.topFrames(), 8)));
        }
        md.append('\n');
    }

    private static String shares(Map<String, Double> shares, int limit) {
        return shares.entrySet().stream().limit(limit).map(e -> "`" + e.getKey() + "` " + num(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String orDash(Double value) {
        return value == null ? "–" : num(value);
    }

    private static void sweeps(StringBuilder md, List<SweepResult> sweeps) {
        md.append("## Rate sweep\n\n| system | rate → p99 ms (deliveries/s) | highest rate with p99 under the goal |\n")
                .append("| --- | --- | ---: |\n");
        for (SweepResult sweep : sweeps) {
            md.append(row(sweep.system(), sweep.steps().stream()
                            .map(step -> num(step.rate()) + " → " + num(step.p99Ms()) + " (" + num(step.deliveriesPerSecond()) + ")"
                                    + (step.passed() ? "" : " ✗"))
                            .collect(Collectors.joining("; ")),
                    sweep.highestPassingRate() == 0 ? "none" : num(sweep.highestPassingRate())));
        }
        md.append('\n');
    }

    private static void api(StringBuilder md, List<ApiResult> results) {
        md.append("## Ingest API\n\n| call | clients | events/request | requests/s | events/s | p50 ms | p99 ms | failed | note |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (ApiResult result : results) {
            md.append(row(result.call(), Integer.toString(result.concurrency()), Integer.toString(result.eventsPerRequest()),
                    num(result.requestsPerSecond()), num(result.eventsPerSecond()), num(result.latency().p50()),
                    num(result.latency().p99()), Long.toString(result.failed()), result.note() == null ? "" : result.note()));
        }
        md.append('\n');
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String num(double value) {
        return Targets.format(value);
    }
}
