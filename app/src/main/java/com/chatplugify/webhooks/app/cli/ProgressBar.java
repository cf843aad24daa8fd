package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.ingest.deadletters.ReplayProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One line on stderr, redrawn in place, for replays that last: nothing for the first second, so short runs print
 * only their summary.
 */
final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 30;
    private static final long SHOW_AFTER = Duration.ofSeconds(1).toNanos();
    private static final long REDRAW_EVERY = Duration.ofMillis(200).toNanos();

    private final PrintWriter err;
    private final String label;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private long drawnAt;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, LongSupplier nanoTime) {
        this.err = err;
        this.label = label;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
    }

    @Override
    public void update(long scanned, long total, long replayed) {
        long now = nanoTime.getAsLong();
        if (now - startedAt < SHOW_AFTER || (drawn && now - drawnAt < REDRAW_EVERY)) {
            return;
        }
        drawnAt = now;
        drawn = true;
        double done = total <= 0 ? 1.0 : Math.min(1.0, (double) scanned / total);
        int filled = (int) Math.round(done * WIDTH);
        err.printf("\r%s [%s%s] %3d%%  %d/%d read, %d replayed ", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(done * 100), scanned, total, replayed);
        err.flush();
    }

    /** Ends the line, if one was drawn. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
