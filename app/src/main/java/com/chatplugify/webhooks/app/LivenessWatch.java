package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import com.chatplugify.webhooks.common.http.HealthChecks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Watches a process's liveness checks, which fail only when a part of it has stopped working for good (a role's
 * engine or stream thread died, a view's consumer stopped): once they have failed twice in a row, a second apart,
 * {@link #died()} completes with what stopped, so the process can exit rather than keep answering while it does
 * nothing (a restart by its supervisor is the remedy).
 */
final class LivenessWatch implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int FAILURES_IN_A_ROW = 2;

    private final HealthChecks health;
    private final CompletableFuture<String> died = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("liveness-watch"));
    private int failures;

    LivenessWatch(HealthChecks health) {
        this.health = health;
    }

    LivenessWatch start() {
        timer.scheduleWithFixedDelay(this::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Completes, with which checks failed and why, once a part of the process has stopped working. */
    CompletableFuture<String> died() {
        return died;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void check() {
        HealthChecks.Report report = health.health();
        failures = report.ok() ? 0 : failures + 1;
        if (failures >= FAILURES_IN_A_ROW) {
            died.complete(report.checks().entrySet().stream().filter(check -> !check.getValue().ok())
                    .map(check -> check.getKey() + ": " + check.getValue().detail())
                    .collect(Collectors.joining("; ")));
            timer.shutdown();
        }
    }
}
