package com.chatplugify.webhooks.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole machine's CPU time from {@code /proc/stat}, every process included: what tells a reader whether the
 * machine was saturated, or shared with other work, while the bench measured. Empty where there is no {@code /proc}.
 */
public final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");

    /**
     * Cumulative ticks of all the machine's CPUs since boot.
     *
     * @param total every state but guest time (which the kernel already counts in user time)
     * @param idle  idle and waiting for I/O
     * @param steal taken by the hypervisor for other virtual machines
     * @param cpus  how many CPUs the kernel lists
     */
    public record Sample(long total, long idle, long steal, int cpus) {
    }

    /**
     * The machine between two samples, in cores: {@code busy + idle + steal = cpus}.
     *
     * @param busy  cores running something, this process or another
     * @param idle  cores idle (or waiting for I/O)
     * @param steal cores taken by the hypervisor
     */
    public record Usage(double busy, double idle, double steal) {
    }

    private MachineCpu() {
    }

    public static Optional<Sample> sample() {
        try {
            return parse(Files.readAllLines(STAT, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc hidden: the machine's figures are reported as unknown.
            return Optional.empty();
        }
    }

    /** Reads the {@code cpu} line (user nice system idle iowait irq softirq steal guest guest_nice) and counts {@code cpuN}. */
    static Optional<Sample> parse(List<String> lines) {
        long[] ticks = null;
        int cpus = 0;
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                ticks = new long[8];
                for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
                    ticks[i] = Long.parseLong(fields[i + 1]);
                }
            } else if (fields[0].matches("cpu\\d+")) {
                cpus++;
            }
        }
        if (ticks == null || cpus == 0) {
            return Optional.empty();
        }
        long total = 0;
        for (long tick : ticks) {
            total += tick;
        }
        return Optional.of(new Sample(total, ticks[3] + ticks[4], ticks[7], cpus));
    }

    public static Optional<Usage> between(Optional<Sample> start, Optional<Sample> end) {
        if (start.isEmpty() || end.isEmpty() || end.get().total() <= start.get().total()) {
            return Optional.empty();
        }
        double total = end.get().total() - start.get().total();
        int cpus = end.get().cpus();
        double idle = (end.get().idle() - start.get().idle()) / total * cpus;
        double steal = (end.get().steal() - start.get().steal()) / total * cpus;
        return Optional.of(new Usage(cpus - idle - steal, idle, steal));
    }
}
