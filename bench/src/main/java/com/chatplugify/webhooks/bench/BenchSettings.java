package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.receiver.KindReplies;
import com.chatplugify.webhooks.common.config.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a bench run is told: what to measure, how hard and how long, and which system to measure.
 *
 * @param jitWait         longest the warm-up goes on, under load, until the JIT compiler is quiet
 * @param rate            events a second of the fixed-rate scenarios
 * @param endpoints       endpoints (and webhooks) per scenario
 * @param fanout          webhooks per workspace in the fan-out scenario
 * @param routerFanout    webhooks per workspace in the router scenario
 * @param crowd           bad endpoints of the crowd scenario, beside {@code endpoints} healthy ones
 * @param crowdRate       events a second to each bad endpoint of the crowd scenario
 * @param crowdKinds      what the crowd's bad endpoints do, in turn (slow, hung, refused, failing, throttled)
 * @param replies         how the hung, slow and throttled endpoints answer
 * @param maxInFlight     deliveries outstanding at most in the flat-out scenarios
 * @param drainTimeout    how long after sending stops the bench waits for the last deliveries
 * @param sweepRates      rates the sweep steps through, in order
 * @param latencyGoal     the p99 a sweep step must stay under
 * @param ceilingRecords  records Kafka's producer benchmark sends (the fixed measurement: 1,000,000)
 * @param receiverThreads I/O threads of the built-in receiver
 * @param profile         whether each measured window is recorded with JDK Flight Recorder
 */
public record BenchSettings(
        List<Scenario> scenarios,
        Duration warmup,
        Duration jitWait,
        Duration duration,
        double rate,
        int endpoints,
        int fanout,
        int routerFanout,
        int crowd,
        double crowdRate,
        List<EndpointKind> crowdKinds,
        KindReplies replies,
        int failingPercent,
        long maxInFlight,
        Duration drainTimeout,
        List<Double> sweepRates,
        Duration sweepStepDuration,
        Duration latencyGoal,
        boolean baseline,
        boolean ceiling,
        long ceilingRecords,
        int apiConcurrency,
        int apiBatchSize,
        int receiverPort,
        int receiverThreads,
        boolean profile,
        Path outputDir,
        Target target) {

    /** The system the bench measures. */
    public sealed interface Target permits InProcess, Remote {
    }

    /**
     * A fresh standalone system per compared variant, in this process.
     *
     * @param overrides configuration keys set on top of the bench's own (from --config and --set)
     */
    public record InProcess(int kafkaPort, int httpPort, Path dataDir, Map<String, String> overrides, boolean keepData)
            implements Target {
    }

    /** A running cluster; {@code metricsPages} are the /metrics URLs of its routers and deliverers. */
    public record Remote(String bootstrapServers, String apiUrl, String apiToken, List<URI> metricsPages)
            implements Target {
    }

    private static final Pattern SECRET_KEYS = Pattern.compile("(?i)token|password|secret|jaas");

    public BenchSettings {
        scenarios = List.copyOf(scenarios);
        sweepRates = List.copyOf(sweepRates);
        if (endpoints < 1 || fanout < 1 || routerFanout < 1) {
            throw new IllegalArgumentException("--endpoints and --fanout must be at least 1");
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive (flat out is the throughput scenario)");
        }
        if (failingPercent < 0 || failingPercent > 100) {
            throw new IllegalArgumentException("--failing-percent is between 0 and 100");
        }
        if (crowd < 1 || crowdRate <= 0) {
            throw new IllegalArgumentException("--crowd is at least 1 and --crowd-rate positive");
        }
        crowdKinds = List.copyOf(crowdKinds);
        if (crowdKinds.isEmpty() || crowdKinds.contains(EndpointKind.HEALTHY)) {
            throw new IllegalArgumentException("--crowd-kinds lists bad kinds only: slow, hung, refused, failing, throttled");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("--max-in-flight is at least 1");
        }
    }

    public boolean inProcess() {
        return target instanceof InProcess;
    }

    /** The settings as the report shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("scenarios", scenarios.stream().map(Scenario::label).toList());
        described.put("warmup", Durations.format(warmup));
        described.put("duration", Durations.format(duration));
        described.put("rate", rate);
        described.put("endpoints", endpoints);
        described.put("fanout", fanout);
        described.put("routerFanout", routerFanout);
        described.put("hang", Durations.format(replies.hang()));
        described.put("slow", Durations.format(replies.slow()));
        described.put("retryAfter", Durations.format(replies.retryAfter()));
        described.put("crowd", crowd);
        described.put("crowdRate", crowdRate);
        described.put("crowdKinds", crowdKinds.stream().map(kind -> kind.name().toLowerCase(java.util.Locale.ROOT)).toList());
        described.put("failingPercent", failingPercent);
        described.put("maxInFlight", maxInFlight);
        described.put("drainTimeout", Durations.format(drainTimeout));
        described.put("sweepRates", sweepRates);
        described.put("sweepStepDuration", Durations.format(sweepStepDuration));
        described.put("latencyGoal", Durations.format(latencyGoal));
        described.put("baseline", baseline);
        described.put("ceiling", ceiling);
        described.put("ceilingRecords", ceilingRecords);
        described.put("apiConcurrency", apiConcurrency);
        described.put("apiBatchSize", apiBatchSize);
        described.put("receiverThreads", receiverThreads);
        described.put("profile", profile);
        if (target instanceof InProcess inProcess) {
            described.put("mode", "in-process");
            described.put("configOverrides", withoutSecrets(inProcess.overrides()));
        } else {
            Remote remote = (Remote) target;
            described.put("mode", "cluster");
            described.put("bootstrapServers", remote.bootstrapServers());
            described.put("apiUrl", remote.apiUrl());
            described.put("metricsPages", remote.metricsPages().stream().map(URI::toString).toList());
        }
        return described;
    }

    private static Map<String, String> withoutSecrets(Map<String, String> settings) {
        Map<String, String> shown = new LinkedHashMap<>();
        settings.forEach((key, value) -> shown.put(key, SECRET_KEYS.matcher(key).find() ? "[hidden]" : value));
        return shown;
    }
}
