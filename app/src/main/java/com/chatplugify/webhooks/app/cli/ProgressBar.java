package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.ingest.deadletters.ReplayProgress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A replay's progress on its {@link StatusLine}, for replays that last: nothing for the first second, so short runs
 * print only their summary; then redrawn every 200 ms on a terminal, or a line every 5 seconds elsewhere.
 */
final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 30;
    private static final long SHOW_AFTER = Duration.ofSeconds(1).toNanos();
    private static final long REDRAW_EVERY = Duration.ofMillis(200).toNanos();
    private static final long LINE_EVERY = Duration.ofSeconds(5).toNanos();

    private final StatusLine line;
    private final String label;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private long drawnAt;
    private boolean drawn;

    ProgressBar(StatusLine line, String label, LongSupplier nanoTime) {
        this.line = line;
        this.label = label;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
    }

    @Override
    public void update(long scanned, long total, long replayed) {
        long now = nanoTime.getAsLong();
        long every = line.redraws() ? REDRAW_EVERY : LINE_EVERY;
        if (now - startedAt < SHOW_AFTER || (drawn && now - drawnAt < every)) {
            return;
        }
        drawnAt = now;
        drawn = true;
        double done = total <= 0 ? 1.0 : Math.min(1.0, (double) scanned / total);
        int filled = (int) Math.round(done * WIDTH);
        line.show(String.format("%s [%s%s] %3d%%  %d/%d read, %d replayed", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(done * 100), scanned, total, replayed));
    }

    /** Ends the line, if one was drawn. */
    void finish() {
        line.end();
    }
}
