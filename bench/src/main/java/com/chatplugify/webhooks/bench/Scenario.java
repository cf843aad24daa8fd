package com.chatplugify.webhooks.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The bench's scenarios, in the order a run measures them on each system. */
public enum Scenario {
    THROUGHPUT("healthy endpoints, flat out within the in-flight limit: the most deliveries a second end to end", true),
    HEALTHY("healthy endpoints at the fixed rate: end-to-end latency", true),
    // Right after healthy, so that the p99s compared with healthy's come from the same state of the system.
    HUNG("one endpoint of 50 answers only after the hang (15 s), at the fixed rate", true),
    CROWD("a crowd of bad endpoints (slow, hung, refused, 500, 429) beside the healthy ones at the fixed rate", true),
    FANOUT("each event wanted by `fanout` webhooks of its workspace, at the fixed rate ÷ fanout events a second", true),
    FAILING("10 % of the endpoints answer 500, so their deliveries are retried, at the fixed rate", true),
    FIFO("FIFO webhooks at the fixed rate, then one FIFO webhook flat out: per-webhook throughput, latency, order", false),
    SWEEP("the fixed rate stepped up from 100/s until p99 exceeds the latency goal", true),
    DELIVERER("deliveries written straight to chatplugify.deliveries, flat out: the deliverer alone", false),
    API("POST /v1/events and /v1/events/batch, closed loop: the API's requests a second", false),
    ROUTER("events flat out with 1:3 fan-out and no deliverer: the router alone", false),
    GUARANTEE("the healthy scenario with the router at at_least_once: the latency cost of exactly_once_v2", false);

    private final String description;
    private final boolean baseline;

    Scenario(String description, boolean baseline) {
        this.description = description;
        this.baseline = baseline;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** Whether the baseline deliverers run this scenario too. */
    public boolean comparedWithBaseline() {
        return baseline;
    }

    /** Parses a comma-separated list of labels; {@code all} names every scenario. */
    public static List<Scenario> parse(String text) {
        if (text.isBlank() || text.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(label -> !label.isEmpty())
                .map(Scenario::of)
                .distinct()
                .sorted()
                .collect(Collectors.toUnmodifiableList());
    }

    private static Scenario of(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown scenario '" + label + "'; known: "
                    + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", ")) + ", all");
        }
    }
}
