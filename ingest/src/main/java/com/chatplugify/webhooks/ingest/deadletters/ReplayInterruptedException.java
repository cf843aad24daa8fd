package com.chatplugify.webhooks.ingest.deadletters;

/**
 * A replay that stopped part-way: what it did up to then is committed and reported, the rest untouched, so
 * repeating the request finishes the work without replaying anything twice.
 */
public final class ReplayInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ReplayReport soFar;
    private final boolean concurrentReplay;

    ReplayInterruptedException(String message, ReplayReport soFar, boolean concurrentReplay, Throwable cause) {
        super(message, cause);
        this.soFar = soFar;
        this.concurrentReplay = concurrentReplay;
    }

    /** What was replayed, and committed, before the interruption. */
    public ReplayReport soFar() {
        return soFar;
    }

    /** Whether another replay (another API instance or the command line) took over. */
    public boolean concurrentReplay() {
        return concurrentReplay;
    }
}
