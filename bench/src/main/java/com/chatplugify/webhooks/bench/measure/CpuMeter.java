package com.chatplugify.webhooks.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CPU time of this process, in total and by {@link Component} (each live thread's CPU time, attributed by its name),
 * and of the whole machine. What no live Java thread accounts for (GC, JIT, threads that ended) is the JVM's.
 */
public final class CpuMeter {

    /**
     * A reading.
     *
     * @param byComponent CPU time of the live threads of each component, nanoseconds
     * @param threads     every live thread's name and component, for the names no rule knows
     */
    public record Reading(long wallNanos, long processNanos, Map<Component, Long> byComponent,
                          Map<String, Component> threads, Optional<MachineCpu.Sample> machine) {
    }

    private final com.sun.management.OperatingSystemMXBean os;
    private final ThreadMXBean mxThreads = ManagementFactory.getThreadMXBean();
    private final ThreadAttribution attribution;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long lastProcessNanos;
    private long lastWallNanos;

    public CpuMeter(ThreadAttribution attribution) {
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        this.attribution = attribution;
    }

    public Reading read() {
        Map<Component, Long> byComponent = new EnumMap<>(Component.class);
        Map<String, Component> threads = new TreeMap<>();
        long[] ids = mxThreads.getAllThreadIds();
        ThreadInfo[] infos = mxThreads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            Component component = attribution.componentOf(infos[i].getThreadName());
            threads.put(infos[i].getThreadName(), component);
            long cpu = mxThreads.getThreadCpuTime(ids[i]);
            if (cpu > 0) {
                byComponent.merge(component, cpu, Long::sum);
            }
        }
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), byComponent, threads, MachineCpu.sample());
    }

    /** Process CPU since the previous call, in percent of one core (as {@code top} shows it); for a progress line. */
    public synchronized double processPercentSinceLastCall() {
        long process = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double percent = lastWallNanos == 0 ? 0 : 100.0 * (process - lastProcessNanos) / Math.max(1, wall - lastWallNanos);
        lastProcessNanos = process;
        lastWallNanos = wall;
        return percent;
    }

    /** The CPU used from {@code start} to {@code end}. */
    public CpuUsage between(Reading start, Reading end) {
        return CpuUsage.between(start, end, cores);
    }

    public ThreadAttribution attribution() {
        return attribution;
    }
}
