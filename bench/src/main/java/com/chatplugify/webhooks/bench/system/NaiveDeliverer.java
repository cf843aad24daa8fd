package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline the bench compares with: what a hand-written consumer loop does. Poll a batch of deliveries, POST
 * the records of each partition one at a time with a blocking client (a thread per partition, 10 s timeout), wait
 * for the whole batch, commit, poll again. No retries, no per-endpoint isolation: one slow endpoint holds up its
 * whole batch. It renders and signs each delivery as the real deliverer does, so both do the same work per request.
 */
public final class NaiveDeliverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NaiveDeliverer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final SubscriptionView subscriptions;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService posters;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);
    private final LongAdder attempts = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final Thread thread = new Thread(this::run, "bench-naive-loop");
    private volatile boolean assigned;
    private volatile boolean running = true;

    /**
     * @param consumer      a consumer in the baseline's own group, starting at the end of the topic
     * @param subscriptions a started view of the subscriptions topic, for each webhook's URL, headers and secret
     * @param partitions    partitions of the deliveries topic: one posting thread each
     */
    public NaiveDeliverer(KafkaConsumer<String, byte[]> consumer, SubscriptionView subscriptions, Clock clock,
                          Duration timeout, int partitions) {
        this.consumer = consumer;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        AtomicInteger threads = new AtomicInteger();
        this.posters = Executors.newFixedThreadPool(partitions, r -> {
            Thread poster = new Thread(r, "bench-naive-post-" + threads.incrementAndGet());
            poster.setDaemon(true);
            return poster;
        });
    }

    public NaiveDeliverer start() {
        thread.start();
        return this;
    }

    /** Whether the consumer has its partitions, so that records written from now on will be delivered. */
    public boolean assigned() {
        return assigned;
    }

    /** HTTP attempts made so far. */
    public long attempts() {
        return attempts.sum();
    }

    public long delivered() {
        return delivered.sum();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        posters.shutdownNow();
        subscriptions.close();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DELIVERIES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned = !consumer.assignment().isEmpty();
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                List<Future<?>> batch = new ArrayList<>();
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> inOrder = records.records(partition);
                    batch.add(posters.submit(() -> inOrder.forEach(this::post)));
                }
                for (Future<?> partition : batch) {
                    partition.get();
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (Exception e) {
            // The loop boundary: the baseline stops and the bench reports what it did not deliver.
            log.error("The baseline deliverer stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void post(ConsumerRecord<String, byte[]> record) {
        Delivery delivery;
        try {
            delivery = serde.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Baseline skips an unreadable delivery at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        Subscription subscription = subscriptions.get(delivery.webhookId()).orElse(null);
        if (subscription == null) {
            return;
        }
        byte[] body = Json.toBytes(payload(delivery));
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Chatplugify-Webhooks-Naive-Baseline")
                .header("webhook-id", delivery.event().id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + sign(subscription.secret(), delivery.event().id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        subscription.headers().forEach(request::header);
        attempts.increment();
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                delivered.increment();
            }
        } catch (IOException e) {
            log.debug("Baseline attempt failed webhookId={} eventId={}: {}", delivery.webhookId(), delivery.event().id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> payload(Delivery delivery) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", delivery.event().id());
        payload.put("event", delivery.event().event());
        payload.put("timestamp", delivery.event().timestamp());
        payload.put("data", delivery.event().data());
        payload.put("webhookId", delivery.webhookId());
        return payload;
    }

    private static String sign(String secret, String webhookId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
