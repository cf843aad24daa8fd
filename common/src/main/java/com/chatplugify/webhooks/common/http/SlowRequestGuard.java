package com.chatplugify.webhooks.common.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request headers are still arriving {@code headerTimeout} after they began. Jetty has no
 * such deadline, and every byte resets its idle timeout, so a client sending headers a byte at a time (slow-loris)
 * would otherwise keep its connection for hours. Once a second it looks at every connection of the server; a
 * connection between requests is left to the idle timeout, a slow body to the minimum request data rate.
 */
final class SlowRequestGuard extends AbstractLifeCycle {

    private static final Logger log = LoggerFactory.getLogger(SlowRequestGuard.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Server server;
    private final long headerTimeoutNanos;
    /** Per connection reading headers: how many requests it had completed, and since when it has been reading. */
    private final Map<EndPoint, long[]> reading = new HashMap<>();
    private ScheduledExecutorService sweeper;

    SlowRequestGuard(Server server, Duration headerTimeout) {
        this.server = server;
        this.headerTimeoutNanos = headerTimeout.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-slow-request-guard");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        Set<EndPoint> seen = new HashSet<>();
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                // The parser belongs to Jetty's threads; a stale read here only delays a close by a sweep.
                if (endPoint.getConnection() instanceof HttpConnection connection && !connection.getParser().isStart()
                        && connection.getParser().inHeaderState()) {
                    seen.add(endPoint);
                    check(endPoint, connection.getMessagesIn(), now);
                }
            }
        }
        reading.keySet().retainAll(seen);
    }

    private void check(EndPoint endPoint, long requests, long now) {
        long[] since = reading.get(endPoint);
        if (since == null || since[0] != requests) {
            reading.put(endPoint, new long[] {requests, now});
        } else if (now - since[1] > headerTimeoutNanos) {
            log.debug("Closing the connection from {}: its request headers were still arriving after {} s",
                    endPoint.getRemoteSocketAddress(), Duration.ofNanos(headerTimeoutNanos).toSeconds());
            endPoint.close();
            reading.remove(endPoint);
        }
    }
}
