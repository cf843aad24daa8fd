package com.chatplugify.webhooks.common.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the daemon threads of our background work (timers, sweepers, pools): daemon, so that a role that failed to
 * close one still lets the JVM exit, and named, so that a thread dump says whose each thread is.
 */
public final class DaemonThreads implements ThreadFactory {

    private final String name;
    private final AtomicInteger count;

    private DaemonThreads(String name, boolean numbered) {
        this.name = name;
        this.count = numbered ? new AtomicInteger() : null;
    }

    /** Threads all named {@code name}: for an executor of one thread, or a thread of its own. */
    public static DaemonThreads named(String name) {
        return new DaemonThreads(name, false);
    }

    /** Threads named {@code name-1}, {@code name-2}, ...: for a pool. */
    public static DaemonThreads numbered(String name) {
        return new DaemonThreads(name, true);
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, count == null ? name : name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
