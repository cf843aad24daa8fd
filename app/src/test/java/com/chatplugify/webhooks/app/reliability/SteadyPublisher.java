package com.chatplugify.webhooks.app.reliability;

import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events with known ids straight to {@code chatplugify.events}, round-robin over workspaces, at a steady
 * rate, on a thread of its own, while a test does harm to the system. Its producer waits out a broker that is
 * down for a while; an event whose publication still fails is published again with the same id.
 */
final class SteadyPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SteadyPublisher.class);
    private static final int MAX_PUBLISH_TRIES = 5;

    private final EventPublisher publisher;
    private final List<String> workspaces;
    private final int count;
    private final long intervalNanos;
    private final Map<String, Event> acked = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Instant startedAt;

    private SteadyPublisher(String bootstrapServers, List<String> workspaces, int count, int perSecond) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "reliability-publisher");
        // Long enough to ride out a broker restart or a standalone process coming back.
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        this.publisher = EventPublisher.create(properties);
        this.workspaces = List.copyOf(workspaces);
        this.count = count;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.thread = new Thread(this::run, "steady-publisher");
    }

    /** Starts publishing {@code count} events at {@code perSecond}. */
    static SteadyPublisher start(String bootstrapServers, List<String> workspaces, int count, int perSecond) {
        SteadyPublisher publisher = new SteadyPublisher(bootstrapServers, workspaces, count, perSecond);
        publisher.startedAt = Instant.now();
        publisher.thread.start();
        return publisher;
    }

    /** Events handed to the producer so far. */
    int sent() {
        return sent.get();
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Waits until every event is acknowledged by the broker and returns them. */
    List<Event> awaitAllAcked(Duration timeout) {
        await("all " + count + " events acknowledged").atMost(timeout).until(() -> acked.size() == count);
        if (failures.get() > 0) {
            log.info("{} publications failed and were published again with the same id", failures.get());
        }
        return List.copyOf(acked.values());
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        publisher.close(Duration.ofSeconds(5));
    }

    private void run() {
        long start = System.nanoTime();
        for (int i = 0; i < count && !stopped; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            String workspace = workspaces.get(i % workspaces.size());
            Event event = new Event(Ids.newEventId(), "conversation.created", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    workspace, Json.mapper().createObjectNode().put("id", "conv_" + i).put("workspaceId", workspace));
            publish(event, 1);
            sent.incrementAndGet();
        }
    }

    private void publish(Event event, int attempt) {
        // Not on the producer's own thread: a send from its callback may block the thread that would free room.
        publisher.publish(event).whenCompleteAsync((published, error) -> {
            if (error == null) {
                acked.put(event.id(), event);
            } else if (!stopped && attempt < MAX_PUBLISH_TRIES) {
                failures.incrementAndGet();
                log.warn("Publishing {} failed ({}); publishing it again", event.id(), error.toString());
                publish(event, attempt + 1);
            } else {
                log.error("Gave up publishing {}", event.id(), error);
            }
        });
    }
}
