package com.chatplugify.webhooks.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this process, in total and by component, told apart by thread names: the bench's own threads, the
 * router's stream threads, the deliverer's loop and HTTP client, the API, and the broker with everything else. What
 * no Java thread accounts for (GC, JIT, threads that ended inside the window) shows as {@code jvm}.
 */
public final class CpuMeter {

    /** A reading: process CPU time and CPU time per component, nanoseconds. */
    public record Reading(long wallNanos, long processNanos, Map<String, Long> byComponent) {
    }

    /**
     * CPU used between two readings.
     *
     * @param cores          average cores busy (1.0 = one core all the time)
     * @param percentOfMachine share of all the machine's cores
     * @param byComponent    average cores busy per component
     */
    public record Usage(double cores, double percentOfMachine, Map<String, Double> byComponent) {
    }

    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("bench-receiver", "receiver"), Map.entry("i/o server dispatch", "receiver"),
            Map.entry("i/o listener", "receiver"),
            Map.entry("bench-naive", "baseline"),
            Map.entry("bench", "driver"),
            Map.entry("streamthread", "router"), Map.entry("router", "router"),
            Map.entry("deliverer", "deliverer"), Map.entry("httpclient-dispatch", "deliverer"),
            Map.entry("delivery-deadlines", "deliverer"),
            Map.entry("subscription-view", "deliverer"),
            Map.entry("ingest", "api"), Map.entry("javalin", "api"), Map.entry("jetty", "api"), Map.entry("qtp", "api"));

    private final com.sun.management.OperatingSystemMXBean os;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long lastProcessNanos;
    private long lastWallNanos;

    public CpuMeter() {
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    public Reading read() {
        Map<String, Long> byComponent = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu > 0) {
                byComponent.merge(component(infos[i].getThreadName()), cpu, Long::sum);
            }
        }
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), byComponent);
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
    public Usage between(Reading start, Reading end) {
        double wall = Math.max(1, end.wallNanos() - start.wallNanos());
        double process = (end.processNanos() - start.processNanos()) / wall;
        Map<String, Double> byComponent = new LinkedHashMap<>();
        double attributed = 0;
        for (String component : List.of("broker", "router", "deliverer", "baseline", "api", "receiver", "driver")) {
            long used = end.byComponent().getOrDefault(component, 0L) - start.byComponent().getOrDefault(component, 0L);
            if (used > 0) {
                byComponent.put(component, round(used / wall));
                attributed += used / wall;
            }
        }
        byComponent.put("jvm", round(Math.max(0, process - attributed)));
        return new Usage(round(process), round(100 * process / cores), byComponent);
    }

    static String component(String threadName) {
        String name = threadName.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> entry : COMPONENTS) {
            if (name.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "broker";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
