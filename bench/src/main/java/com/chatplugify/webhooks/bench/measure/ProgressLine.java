package com.chatplugify.webhooks.bench.measure;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A status line on stderr while a measurement runs: redrawn in place every second on a terminal, printed as a new
 * line every {@code linesEvery} seconds otherwise (a CI log).
 */
public final class ProgressLine implements AutoCloseable {

    private final PrintStream out;
    private final boolean redraw;
    private final int linesEvery;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> current;
    private int lastWidth;
    private long ticks;

    public ProgressLine(PrintStream out, boolean redraw, int linesEvery) {
        this.out = out;
        this.redraw = redraw;
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
            if (redraw && lastWidth > 0) {
                out.print("\n");
                out.flush();
                lastWidth = 0;
            }
        }
    }

    /** A line of its own, e.g. a measurement's result. */
    public synchronized void println(String line) {
        if (redraw && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.println(line);
        out.flush();
    }

    private synchronized void show(String status) {
        ticks++;
        if (redraw) {
            out.print("\r" + status + " ".repeat(Math.max(0, lastWidth - status.length())));
            lastWidth = status.length();
            out.flush();
        } else if (ticks % linesEvery == 0) {
            out.println(status);
            out.flush();
        }
    }

    @Override
    public void close() {
        stop();
        ticker.shutdownNow();
    }
}
