package com.chatplugify.webhooks.app.cli;

import java.io.PrintWriter;

/**
 * The one way our commands show progress: a status line on stderr, redrawn in place with carriage returns on a
 * terminal, and written as a line of its own each time elsewhere (a CI log, a file), where carriage returns would
 * pile every redraw onto one line. How often to show a status is the caller's choice.
 */
public final class StatusLine {

    private final PrintWriter out;
    private final boolean redraw;
    private int drawnWidth;

    /** @param redraw whether {@code out} is a terminal, e.g. {@code System.console() != null} */
    public StatusLine(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** Whether statuses are redrawn in place (on a terminal) rather than written one a line. */
    public boolean redraws() {
        return redraw;
    }

    /** Shows {@code status}: over the previous one on a terminal, on a line of its own otherwise. */
    public synchronized void show(String status) {
        if (redraw) {
            out.print("\r" + status + " ".repeat(Math.max(0, drawnWidth - status.length())));
            drawnWidth = Math.max(1, status.length());
        } else {
            out.println(status);
        }
        out.flush();
    }

    /** Writes {@code line} on a line of its own, erasing the status drawn in place, if any. */
    public synchronized void println(String line) {
        if (drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
        out.println(line);
        out.flush();
    }

    /** Ends the status drawn in place, if any, so that what follows starts on a line of its own. */
    public synchronized void end() {
        if (drawnWidth > 0) {
            out.println();
            out.flush();
            drawnWidth = 0;
        }
    }
}
