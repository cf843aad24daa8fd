package com.chatplugify.webhooks.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of this process, in total and by {@link Component} (each live thread's CPU time, attributed by its name),
 * and of the whole machine. What no live Java thread accounts for (GC, JIT, threads that ended) is the JVM's.
 */
public final class CpuMeter {

    /**
     * A reading.
     *
     * @param threads every live thread's CPU time, by thread id
     */
    public record Reading(long wallNanos, long processNanos, Map<Long, ThreadCpu> threads,
                          Optional<MachineCpu.Sample> machine) {
    }

    /** One live thread: its name, the component its name belongs to, its CPU time so far in nanoseconds. */
    public record ThreadCpu(String name, Component component, long nanos) {
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
        Map<Long, ThreadCpu> threads = new HashMap<>();
        long[] ids = mxThreads.getAllThreadIds();
        ThreadInfo[] infos = mxThreads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            long cpu = mxThreads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu >= 0) {
                String name = infos[i].getThreadName();
                threads.put(ids[i], new ThreadCpu(name, attribution.componentOf(name), cpu));
            }
        }
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), threads, MachineCpu.sample());
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
