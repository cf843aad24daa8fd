package com.chatplugify.webhooks.bench.measure;

import com.chatplugify.webhooks.app.cli.StatusLine;
import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A measurement's status on a {@link StatusLine} while it runs: redrawn in place every second on a terminal, written
 * as a line every {@code linesEvery} seconds otherwise (a CI log).
 */
public final class ProgressLine implements AutoCloseable {

    private final StatusLine line;
    private final int linesEvery;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-progress"));
    private ScheduledFuture<?> current;
    private long ticks;

    public ProgressLine(PrintStream out, boolean redraw, int linesEvery) {
        this.line = new StatusLine(new PrintWriter(out), redraw);
        this.linesEvery = Math.max(1, linesEvery);
    }

    /** Shows {@code status} every second until {@link #stop()}; the supplier runs on the ticker's thread. */
    public synchronized void start(Supplier<String> status) {
        stop();
        ticks = 0;
        current = ticker.scheduleAtFixedRate(() -> show(status.get()), 1, 1, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        if (current != null) {
            current.cancel(false);
            current = null;
            line.end();
        }
    }

    /** A line of its own, e.g. a measurement's result. */
    public synchronized void println(String text) {
        line.println(text);
    }

    private synchronized void show(String status) {
        ticks++;
        if (line.redraws() || ticks % linesEvery == 0) {
            line.show(status);
        }
    }

    @Override
    public void close() {
        stop();
        ticker.shutdownNow();
    }
}
