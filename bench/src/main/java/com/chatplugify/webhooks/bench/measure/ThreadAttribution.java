package com.chatplugify.webhooks.bench.measure;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.deliverer.health.HealthWatch;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.router.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells which {@link Component} a thread of the bench's process works for, by its name: the names the broker, the
 * roles, the libraries they use and the bench give their threads. Kafka clients name their threads after their
 * client id or group id ({@code kafka-producer-network-thread | deliverer-producer}), which says whose they are. A
 * name no rule knows is {@link Component#UNATTRIBUTED}, never guessed: the report lists such threads by name.
 */
public final class ThreadAttribution {

    /** {@code <kafka client thread> | <client or group id>}. */
    private static final Pattern KAFKA_CLIENT_THREAD = Pattern.compile(
            "kafka-(producer-network-thread|admin-client-thread|coordinator-heartbeat-thread|share-consumer-.*) \\| (.+)");

    private static final List<Map.Entry<Pattern, Component>> FIXED = List.of(
            // The bench's own.
            rule("server-(dispatch|listener)-\\d+|bench-receiver.*", Component.RECEIVER),
            rule("bench-(naive|listener|baseline).*", Component.BASELINE),
            rule("bench-.*|main|HttpClient-\\d+-(SelectorManager|Worker-\\d+)", Component.DRIVER),
            // The deliverer: its engine, HTTP client (httpclient5 async), resolver, timers, breaker, history.
            rule("deliverer-poll|delivery-(worker|timer)-\\d+|delivery-deadlines|endpoint-dns.*|attempt-recorder"
                    + "|httpclient-(dispatch|main)-\\d+|idle-connection-evictor.*|CircuitBreakerAutoTransitionThread",
                    Component.DELIVERER),
            // Ingest and the HTTP server every process runs (Javalin on Jetty).
            rule("attempt-history|subscription-owner|write-confirmations|dead-letter-.*|idempotency-.*|http-slow-request-guard"
                    + "|JettyServerThreadPool-.*|Scheduler-\\d+(-\\d+)?|commons-pool-evictor", Component.API),
            rule("subscription-view|kafka-client-meters|liveness-watch", Component.SHARED),
            // The embedded broker and its KRaft controller.
            rule("data-plane-kafka-.*|kafka-\\d+-(raft|metadata-loader|snapshot-generator).*|kafka-scheduler-\\d+"
                    + "|kafka-log-cleaner-thread-\\d+|ExpirationReaper-.*|(broker|controller)-\\d+-.*|quorum-controller-.*"
                    + "|group-coordinator-.*|share-coordinator-.*|share-group-lock-timeout-reaper|TxnMarkerSenderThread-\\d+"
                    + "|AddPartitionsToTxnSenderThread-\\d+|transaction-log-manager-\\d+|LogDirFailureHandler"
                    + "|PersisterStateManager|persister-state-manager-reaper|SensorExpiryThread|executor-.*"
                    + "|client-metrics-reaper|network-partition-metadata-client-reaper|raft-expiration-reaper"
                    + "|metrics-meter-tick-thread-\\d+|kafka-request-handler-\\d+", Component.BROKER),
            // The JVM's own threads, and the JDK's shared ones that any component may use.
            rule("Reference Handler|Finalizer|Signal Dispatcher|Attach Listener|Common-Cleaner|Notification Thread"
                    + "|Service Thread|Monitor Deflation Thread|Sweeper thread|process reaper|CompletableFutureDelayScheduler"
                    + "|ForkJoinPool\\.commonPool-worker-\\d+|JFR .*|Java2D Disposer|RMI .*", Component.JVM));

    private final List<Map.Entry<Pattern, Component>> clients;
    /** Kafka Streams names its threads {@code <application id>-<uuid>-StreamThread-1}, {@code -StateUpdater-1}, ... */
    private final List<Map.Entry<Pattern, Component>> streamThreads;

    private ThreadAttribution(String routerApplicationId, String delivererGroupId, String healthApplicationId,
                              String ownerGroupId, String idempotencyApplicationId) {
        this.streamThreads = List.of(rule(Pattern.quote(routerApplicationId) + "-.+", Component.ROUTER),
                rule(Pattern.quote(healthApplicationId) + "-.+", Component.DELIVERER),
                rule(Pattern.quote(idempotencyApplicationId) + "-.+", Component.API));
        List<Map.Entry<Pattern, Component>> byId = new ArrayList<>();
        byId.add(rule(Pattern.quote(routerApplicationId) + "(-.*)?|router-admin", Component.ROUTER));
        byId.add(rule(Pattern.quote(healthApplicationId) + "(-.*)?", Component.DELIVERER));
        byId.add(rule(Pattern.quote(delivererGroupId) + "|deliverer(-.*)?", Component.DELIVERER));
        byId.add(rule(Pattern.quote(idempotencyApplicationId) + "(-.*)?", Component.API));
        byId.add(rule(Pattern.quote(ownerGroupId) + "|ingest|attempt-history|subscription-owner(-admin)?"
                + "|write-confirmations|dead-letter.*|idempotency-.*", Component.API));
        byId.add(rule("webhooks-admin|subscription-view", Component.SHARED));
        byId.add(rule("bench-(naive|listener|baseline).*", Component.BASELINE));
        byId.add(rule("bench-.*", Component.DRIVER));
        this.clients = List.copyOf(byId);
    }

    /** For systems configured as {@code config} says (their router's application id, their consumer groups). */
    public static ThreadAttribution of(WebhooksConfig config) {
        return new ThreadAttribution(config.getString(RouterConfig.APPLICATION_ID), config.getString(DelivererConfig.GROUP_ID),
                HealthWatch.applicationId(config), config.getString(IngestConfig.OWNER_GROUP_ID),
                config.getString(IngestConfig.IDEMPOTENCY_APPLICATION_ID));
    }

    public Component componentOf(String threadName) {
        var client = KAFKA_CLIENT_THREAD.matcher(threadName);
        if (client.matches()) {
            return firstMatch(clients, client.group(2));
        }
        Component streamThread = firstMatch(streamThreads, threadName);
        if (streamThread != Component.UNATTRIBUTED) {
            return streamThread;
        }
        Component fixed = firstMatch(FIXED, threadName);
        if (fixed != Component.UNATTRIBUTED) {
            return fixed;
        }
        // The JVM's GC and compiler threads, when a tool lists them ("GC Thread#0", "C2 CompilerThread0", "G1 ...").
        return threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.contains("CompilerThread")
                || threadName.startsWith("VM ") ? Component.JVM : Component.UNATTRIBUTED;
    }

    private static Component firstMatch(List<Map.Entry<Pattern, Component>> rules, String name) {
        for (Map.Entry<Pattern, Component> rule : rules) {
            if (rule.getKey().matcher(name).matches()) {
                return rule.getValue();
            }
        }
        return Component.UNATTRIBUTED;
    }

    private static Map.Entry<Pattern, Component> rule(String regex, Component component) {
        return Map.entry(Pattern.compile(regex), component);
    }
}
