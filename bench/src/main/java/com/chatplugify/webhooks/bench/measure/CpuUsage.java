package com.chatplugify.webhooks.bench.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU used over a window, in cores busy (1.0 = one core all the time).
 *
 * @param process          this process: in-process, the broker, the system's roles, the receiver and the driver
 * @param percentOfMachine the process's share of all the machine's cores
 * @param byComponent      per {@link Component} label; {@code jvm} also holds what no live thread accounts for
 * @param system           the system under test: every component but the receiver and the driver
 * @param harness          the bench's receiver and driver
 * @param machineBusy      every process of the machine, from {@code /proc/stat}; null where unknown
 * @param machineIdle      cores left idle; null where unknown
 * @param machineSteal     cores the hypervisor took for other machines; null where unknown
 * @param otherProcesses   what processes other than this one used (machine busy − process); null where unknown
 * @param unattributed     names of live threads no rule knows (their CPU is in {@code unattributed})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CpuUsage(double process, double percentOfMachine, Map<String, Double> byComponent, double system,
                       double harness, Double machineBusy, Double machineIdle, Double machineSteal, Double otherProcesses,
                       List<String> unattributed) {

    static CpuUsage between(CpuMeter.Reading start, CpuMeter.Reading end, int cores) {
        double wall = Math.max(1, end.wallNanos() - start.wallNanos());
        double process = (end.processNanos() - start.processNanos()) / wall;
        // Per thread: a thread that ended inside the window takes its CPU time with it, so a sum per component could
        // shrink; what it used in the window is left to the JVM's share below.
        Map<Component, Long> usedByComponent = new EnumMap<>(Component.class);
        for (Map.Entry<Long, CpuMeter.ThreadCpu> thread : end.threads().entrySet()) {
            CpuMeter.ThreadCpu before = start.threads().get(thread.getKey());
            usedByComponent.merge(thread.getValue().component(),
                    thread.getValue().nanos() - (before == null ? 0 : before.nanos()), Long::sum);
        }
        Map<String, Double> byComponent = new LinkedHashMap<>();
        double attributed = 0;
        double harness = 0;
        for (Component component : Component.values()) {
            double busy = Math.max(0, usedByComponent.getOrDefault(component, 0L) / wall);
            if (component == Component.JVM) {
                continue;
            }
            attributed += busy;
            if (!component.inSystem()) {
                harness += busy;
            }
            if (usedByComponent.containsKey(component)) {
                byComponent.put(component.label(), round(busy));
            }
        }
        // The JVM's named threads, GC, the JIT and threads that ended inside the window: what the others do not hold.
        byComponent.put(Component.JVM.label(), round(Math.max(0, process - attributed)));
        Optional<MachineCpu.Usage> machine = MachineCpu.between(start.machine(), end.machine());
        List<String> unattributed = end.threads().values().stream()
                .filter(thread -> thread.component() == Component.UNATTRIBUTED).map(CpuMeter.ThreadCpu::name)
                .sorted().distinct().toList();
        return new CpuUsage(round(process), round(100 * process / cores), byComponent, round(process - harness),
                round(harness), machine.map(m -> round(m.busy())).orElse(null), machine.map(m -> round(m.idle())).orElse(null),
                machine.map(m -> round(m.steal())).orElse(null),
                machine.map(m -> round(Math.max(0, m.busy() - process))).orElse(null), unattributed);
    }

    /** CPU time per delivery, microseconds, of {@code cores} busy at {@code deliveriesPerSecond}; null without deliveries. */
    public static Double microsPerDelivery(double cores, double deliveriesPerSecond) {
        return deliveriesPerSecond <= 0 ? null : Math.round(cores / deliveriesPerSecond * 1e6 * 10) / 10.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
