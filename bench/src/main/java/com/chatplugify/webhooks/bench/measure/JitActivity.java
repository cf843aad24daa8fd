package com.chatplugify.webhooks.bench.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits for the JIT compiler to catch up before a measurement.
 *
 * <p>Broker, pipeline, receiver and driver share one JVM and two cores: under full load the C2 compiler threads get
 * their share of a saturated machine and fall minutes behind (tasks queued minutes earlier were seen still waiting),
 * so the first scenarios measured partly interpreted and C1 code. Between scenarios the machine is idle and C2
 * catches up; the bench waits for that, so every scenario starts from the same compiled state instead of the one
 * before it paying. Some paths are compiled only under load, so the bench waits again once its load runs, before the
 * window opens.
 */
public final class JitActivity {

    private static final Duration POLL = Duration.ofSeconds(1);
    /** Compilation below 5 % of one core for two seconds in a row counts as caught up. */
    private static final long QUIET_MILLIS_PER_POLL = 50;
    private static final int QUIET_POLLS = 2;

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();

    /** How long a wait took, and whether compilation was quiet when it ended (rather than the wait running out). */
    public record Wait(Duration waited, boolean quiet) {
    }

    /** Returns once compilation has been quiet for two seconds, or after {@code atMost}. */
    public Wait awaitQuiet(Duration atMost) throws InterruptedException {
        long started = System.nanoTime();
        if (!monitored()) {
            return new Wait(Duration.ZERO, true);
        }
        long deadline = started + atMost.toNanos();
        long last = compiler.getTotalCompilationTime();
        int quietPolls = 0;
        while (quietPolls < QUIET_POLLS && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            long now = compiler.getTotalCompilationTime();
            quietPolls = now - last < QUIET_MILLIS_PER_POLL ? quietPolls + 1 : 0;
            last = now;
        }
        return new Wait(Duration.ofNanos(System.nanoTime() - started), quietPolls >= QUIET_POLLS);
    }

    /** Milliseconds the JIT compiler has spent compiling since the JVM started; -1 where that is not monitored. */
    public long compilationMillis() {
        return monitored() ? compiler.getTotalCompilationTime() : -1;
    }

    private boolean monitored() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported();
    }
}
