package com.chatplugify.webhooks.common.http;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What {@code /health} and {@code /ready} report. Liveness checks say whether the process should be restarted
 * (a role died); readiness checks say whether it should get traffic (broker reachable, topics present, streams
 * running, partitions assigned). Roles add their checks when they start.
 */
public final class HealthChecks {

    /** The result of one check. */
    public record Status(boolean ok, String detail) {

        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }

    /** The results of a set of checks. */
    public record Report(boolean ok, Map<String, Status> checks) {
    }

    private record Check(String name, Supplier<Status> probe) {
    }

    private final CopyOnWriteArrayList<Check> liveness = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Check> readiness = new CopyOnWriteArrayList<>();

    public void addLiveness(String name, Supplier<Status> probe) {
        liveness.add(new Check(name, probe));
    }

    public void addReadiness(String name, Supplier<Status> probe) {
        readiness.add(new Check(name, probe));
    }

    public Report health() {
        return run(liveness);
    }

    /** Readiness includes liveness: a process that is not alive is not ready. */
    public Report readiness() {
        CopyOnWriteArrayList<Check> all = new CopyOnWriteArrayList<>(liveness);
        all.addAll(readiness);
        return run(all);
    }

    /** The names {@link #readiness()} reports, in its order, without running the checks. */
    public Set<String> readinessNames() {
        Set<String> names = new LinkedHashSet<>();
        liveness.forEach(check -> names.add(check.name()));
        readiness.forEach(check -> names.add(check.name()));
        return names;
    }

    private static Report run(Iterable<Check> checks) {
        Map<String, Status> results = new LinkedHashMap<>();
        boolean ok = true;
        for (Check check : checks) {
            Status status;
            try {
                status = check.probe().get();
            } catch (RuntimeException e) {
                // A probe that throws is a failed probe, not a failed endpoint.
                status = Status.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            results.put(check.name(), status);
            ok &= status.ok();
        }
        return new Report(ok, results);
    }
}
