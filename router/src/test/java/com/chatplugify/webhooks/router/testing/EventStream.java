package com.chatplugify.webhooks.router.testing;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A steady stream of {@code task.created} events, round-robin over some workspaces, as an upstream service
 * publishes them; one in ten has no key and one in ten a wrong one, so the re-keying path is exercised too.
 */
public final class EventStream implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final KafkaProducer<String, byte[]> producer;
    private final List<String> workspaces;
    private final String idPrefix;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    public EventStream(List<String> workspaces, String idPrefix) {
        this.workspaces = List.copyOf(workspaces);
        this.idPrefix = idPrefix;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts publishing about {@code perSecond} events a second on a thread of its own. */
    public EventStream start(int perSecond) {
        int perTick = Math.max(1, perSecond / 100);
        running = true;
        thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running) {
                for (int i = 0; i < perTick; i++) {
                    publish(sent.getAndIncrement());
                }
                next += TICK_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "event-stream");
        thread.start();
        return this;
    }

    public int sent() {
        return sent.get();
    }

    /** Stops publishing and waits until every event sent is acknowledged; returns event id → workspace id. */
    public Map<String, String> stop() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("An event could not be published", failure.get());
        }
        return Map.copyOf(acknowledged);
    }

    private void publish(int n) {
        String workspace = workspaces.get(n % workspaces.size());
        String key = n % 10 == 3 ? null : n % 10 == 7 ? "ws_elsewhere" : workspace;
        String id = idPrefix + n;
        byte[] event = ("{\"id\":\"" + id + "\",\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"id\":\"task_" + n + "\"}}").getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(Topics.EVENTS, key, event), (metadata, e) -> {
            if (e == null) {
                acknowledged.put(id, workspace);
            } else {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(5));
    }
}
