package com.chatplugify.webhooks.app.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started process running until it is asked to stop (Ctrl-C, SIGTERM: exit status 0) or a part of it stops
 * working for good (exit status 1, so that its supervisor restarts it, rather than keeping a process that answers
 * while doing nothing); either way it is closed once.
 */
final class RunUntilStopped {

    private static final Logger log = LoggerFactory.getLogger(RunUntilStopped.class);

    private RunUntilStopped() {
    }

    /**
     * @param died completes, saying what stopped, when a part of the process has stopped working
     * @return the process's exit status
     */
    static int run(String name, AutoCloseable process, CompletableFuture<String> died) {
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            close(process, closed);
            stopping.complete(null);
        }, name + "-shutdown"));
        CompletableFuture.anyOf(stopping, died).join();
        if (stopping.isDone()) {
            return 0;
        }
        String what = died.join();
        log.error("{} stopped working ({}); stopping with exit status 1 so that it is restarted", name, what);
        close(process, closed);
        return 1;
    }

    private static void close(AutoCloseable process, AtomicBoolean closed) {
        if (closed.compareAndSet(false, true)) {
            try {
                process.close();
            } catch (Exception e) {
                log.warn("Could not stop cleanly", e);
            }
        }
    }
}
