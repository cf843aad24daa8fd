package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request headers are still arriving {@code headerTimeout} after they began. Jetty has no
 * such deadline, and every byte resets its idle timeout, so a client sending headers a byte at a time (slow-loris)
 * would otherwise keep its connection for hours. Once a second it reads every connection's public counters: a
 * connection that has answered every request whose headers it completed, yet has read bytes since its last answer,
 * is receiving the headers of its next request. A connection between requests is left to the idle timeout, a slow
 * body (headers complete, no answer yet) to the minimum request data rate.
 */
final class SlowRequestGuard extends AbstractLifeCycle {

    private static final Logger log = LoggerFactory.getLogger(SlowRequestGuard.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    /**
     * What a sweep saw of a connection: its request and response counts, the bytes it had read when it was first
     * seen with those counts, and since when bytes beyond those have been arriving (0: none yet).
     */
    private record Seen(long requests, long responses, long bytesBefore, long headersSinceNanos) {

        boolean sameExchange(long requests, long responses) {
            return this.requests == requests && this.responses == responses;
        }
    }

    private final Server server;
    private final long headerTimeoutNanos;
    private final Map<EndPoint, Seen> seen = new HashMap<>();
    private ScheduledExecutorService sweeper;

    SlowRequestGuard(Server server, Duration headerTimeout) {
        this.server = server;
        this.headerTimeoutNanos = headerTimeout.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("http-slow-request-guard"));
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        Set<EndPoint> open = new HashSet<>();
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection connection = endPoint.getConnection();
                // Connections that count no requests (-1) are not HTTP/1 connections: nothing to judge.
                if (connection != null && connection.getMessagesIn() >= 0) {
                    open.add(endPoint);
                    check(endPoint, connection, now);
                }
            }
        }
        seen.keySet().retainAll(open);
    }

    private void check(EndPoint endPoint, Connection connection, long now) {
        // Counters are read off Jetty's threads; a stale read only delays a close by a sweep.
        long requests = connection.getMessagesIn();
        long responses = connection.getMessagesOut();
        long bytes = connection.getBytesIn();
        Seen before = seen.get(endPoint);
        if (before == null || !before.sameExchange(requests, responses)) {
            // A new connection has read nothing but headers so far; after an answer, what follows is a new request.
            long bytesBefore = before == null && requests == 0 ? 0 : bytes;
            seen.put(endPoint, new Seen(requests, responses, bytesBefore, bytes > bytesBefore ? now : 0));
            return;
        }
        boolean readingHeaders = requests <= responses && bytes > before.bytesBefore();
        if (!readingHeaders) {
            return;
        }
        if (before.headersSinceNanos() == 0) {
            seen.put(endPoint, new Seen(requests, responses, before.bytesBefore(), now));
        } else if (now - before.headersSinceNanos() > headerTimeoutNanos) {
            log.debug("Closing the connection from {}: its request headers were still arriving after {} s",
                    endPoint.getRemoteSocketAddress(), Duration.ofNanos(headerTimeoutNanos).toSeconds());
            endPoint.close();
            seen.remove(endPoint);
        }
    }
}
