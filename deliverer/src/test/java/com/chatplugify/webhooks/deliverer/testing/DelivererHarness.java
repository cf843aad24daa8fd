package com.chatplugify.webhooks.deliverer.testing;

import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.TopicInitializer;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.FifoFailure;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Ordering;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.deliverer.DelivererRole;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A deliverer on the test broker, with its own consumer group starting from the topics' ends (so deliveries of
 * earlier tests stay out of its way), fast retry tiers, and what a test needs to drive it: webhooks written to
 * the subscriptions topic, deliveries written to {@code chatplugify.deliveries}, the dead-letter topic read back.
 */
public final class DelivererHarness implements AutoCloseable {

    public static final String WORKSPACE = "ws_deliverer_it";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfigDef definition = DelivererConfig.define(CommonConfig.define(new ConfigDef()));
    private final WebhooksConfig config;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final SubscriptionView view;
    private final List<DelivererRole> deliverers = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JsonSerde<Subscription> subscriptions = new JsonSerde<>(Subscription.class);

    private DelivererHarness(Map<String, Object> values) {
        this.config = new WebhooksConfig(definition, values);
        this.admin = Admin.create(KafkaClients.admin(config, "test-admin"));
        new TopicInitializer(admin, Duration.ofSeconds(30), TestKafka.bootstrapServers()).ensure(TopicCatalogue.topics(config));
        this.producer = new KafkaProducer<>(KafkaClients.producer(config, "test-producer"), new StringSerializer(),
                new ByteArraySerializer());
        this.view = SubscriptionView.create(config, "test-view").start();
    }

    /** Starts a harness and its first deliverer, ready once it has partitions. */
    public static DelivererHarness start(Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers());
        values.put(CommonConfig.TOPICS_PARTITIONS, "3");
        values.put(CommonConfig.DELIVERY_RETRY_DELAYS, "200ms,400ms,800ms");
        values.put(CommonConfig.DELIVERY_ALLOW_HTTP, "true");
        values.put(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES, "true");
        values.put(CommonConfig.SECRETS_KEY, TestSecrets.KEY);
        values.put(DelivererConfig.GROUP_ID, "deliverer-it-" + UUID.randomUUID());
        values.put(DelivererConfig.DRAIN_TIMEOUT, "2s");
        values.put("kafka.auto.offset.reset", "latest");
        values.putAll(overrides);
        DelivererHarness harness = new DelivererHarness(values);
        harness.startDeliverer();
        return harness;
    }

    /** Starts one more deliverer in the same group and waits until it has partitions. */
    public DelivererRole startDeliverer() {
        return startDeliverer(config, new HealthChecks());
    }

    /**
     * Starts one more deliverer in the same group, with {@code overrides} on top of the harness's configuration and
     * its health reported to {@code health}, and waits until it has partitions.
     */
    public DelivererRole startDeliverer(Map<String, String> overrides, HealthChecks health) {
        Map<String, Object> values = new LinkedHashMap<>(config.originals());
        values.putAll(overrides);
        return startDeliverer(new WebhooksConfig(definition, values), health);
    }

    /**
     * Starts one more deliverer in the same group whose meters go to {@code meters} instead of the harness's registry
     * (where the first deliverer's gauges are), and waits until it has partitions.
     */
    public DelivererRole startDeliverer(MeterRegistry meters) {
        return startDeliverer(config, new HealthChecks(), meters);
    }

    private DelivererRole startDeliverer(WebhooksConfig with, HealthChecks health) {
        return startDeliverer(with, health, registry);
    }

    private DelivererRole startDeliverer(WebhooksConfig with, HealthChecks health, MeterRegistry meters) {
        DelivererRole deliverer = new DelivererRole(with, view, meters, health, Clock.systemUTC()).start();
        deliverers.add(deliverer);
        await().atMost(Duration.ofSeconds(60)).until(deliverer::assigned);
        return deliverer;
    }

    /** Stops one of the deliverers, as a process shutting down would. */
    public void stop(DelivererRole deliverer) {
        deliverers.remove(deliverer);
        deliverer.close();
    }

    /** The deliverers running, the first started first. */
    public List<DelivererRole> deliverers() {
        return List.copyOf(deliverers);
    }

    public double gauge(String meter) {
        Gauge gauge = registry.find(meter).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public SubscriptionView view() {
        return view;
    }

    /** A new enabled webhook for every event, as the view sees it. */
    public Subscription createWebhook(String url, Map<String, String> headers, Integer rateLimitPerSecond) {
        Subscription webhook = newWebhook(url);
        return put(new Subscription(webhook.id(), webhook.workspaceId(), webhook.url(), webhook.events(), headers,
                webhook.secret(), true, null, rateLimitPerSecond, webhook.createdAt(), webhook.updatedAt(), null, 1,
                null, null, null, null, null));
    }

    /** A new enabled FIFO webhook for every event, as the view sees it. */
    public Subscription createFifoWebhook(String url, FifoFailure onFailure) {
        Subscription webhook = newWebhook(url);
        return put(new Subscription(webhook.id(), webhook.workspaceId(), webhook.url(), webhook.events(), Map.of(),
                webhook.secret(), true, null, null, webhook.createdAt(), webhook.updatedAt(), null, 1, null,
                Ordering.FIFO, onFailure, null, null));
    }

    public Subscription createWebhook(String url) {
        return createWebhook(url, Map.of(), null);
    }

    /** Writes a webhook and waits until the view has that version. */
    public Subscription put(Subscription webhook) {
        putUnseen(webhook);
        await().until(() -> view.get(webhook.id()).filter(webhook::equals).isPresent());
        return webhook;
    }

    /** Writes a webhook without waiting for anyone to read it. */
    public Subscription putUnseen(Subscription webhook) {
        send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhook.id(), subscriptions.serialize(Topics.SUBSCRIPTIONS, webhook)));
        return webhook;
    }

    /** A new enabled webhook for every event, not written anywhere yet. */
    public static Subscription newWebhook(String url) {
        Instant now = Instant.now();
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return new Subscription(Ids.newWebhookId(), WORKSPACE, url, List.of("*"), Map.of(),
                "whsec_" + Base64.getEncoder().encodeToString(key), true, null, null, now, now, null, 1, null, null, null, null, null);
    }

    public void delete(String webhookId) {
        send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, null));
        await().until(() -> view.get(webhookId).isEmpty());
    }

    /** Writes a delivery of a new event for the webhook; returns the event's id. */
    public String deliver(String webhookId) {
        return deliver(webhookId, null, Map.of());
    }

    /** Writes a delivery to a given partition (null: by key) with extra record headers; returns the event's id. */
    public String deliver(String webhookId, Integer partition, Map<String, String> headers) {
        return deliver(webhookId, partition, null, headers);
    }

    /**
     * Writes a delivery to a given partition (null: by key) with the record timestamp {@code timestamp} (null: now)
     * and extra record headers; returns the event's id.
     */
    public String deliver(String webhookId, Integer partition, Instant timestamp, Map<String, String> headers) {
        return deliverTo(Topics.DELIVERIES, webhookId, partition, timestamp, headers);
    }

    /**
     * Writes a delivery of a new event for the webhook to {@code topic} (a retry tier, as the deliverer would have
     * moved it there), to a given partition (null: by key), with the record timestamp {@code timestamp} (null: now)
     * and extra record headers; returns the event's id.
     */
    public String deliverTo(String topic, String webhookId, Integer partition, Instant timestamp,
                            Map<String, String> headers) {
        String eventId = Ids.newEventId();
        ObjectNode data = Json.mapper().createObjectNode().put("id", "conv_" + eventId).put("workspaceId", WORKSPACE);
        Delivery delivery = new Delivery(webhookId, WORKSPACE, new Event(eventId, "conversation.created", Instant.now(),
                WORKSPACE, data));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition,
                timestamp == null ? null : timestamp.toEpochMilli(), webhookId, Json.toBytes(delivery));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        send(record);
        return eventId;
    }

    /**
     * Writes a delivery straight into retry tier {@code tier}, as a deliverer would have moved it there, with the
     * bookkeeping {@code headers} (attempts, due-at, queued-at); returns the event's id.
     */
    public String deliverToTier(String webhookId, int tier, Map<String, String> headers) {
        String eventId = Ids.newEventId();
        ObjectNode data = Json.mapper().createObjectNode().put("id", "conv_" + eventId).put("workspaceId", WORKSPACE);
        Delivery delivery = new Delivery(webhookId, WORKSPACE, new Event(eventId, "conversation.created", Instant.now(),
                WORKSPACE, data));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.retryTier(tier), webhookId,
                Json.toBytes(delivery));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        send(record);
        return eventId;
    }

    /** Writes any bytes as a delivery record. */
    public void deliverRaw(String key, byte[] value) {
        send(new ProducerRecord<>(Topics.DELIVERIES, key, value));
    }

    /** Every record of the dead-letter topic for this webhook, oldest first. */
    public List<ConsumerRecord<String, byte[]>> deadLetters(String webhookId) {
        return records(Topics.DLQ, webhookId);
    }

    /** Every record of {@code topic} (a retry tier, the DLQ) for this webhook, oldest first. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String webhookId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(config, null, "test-reader"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (Objects.equals(record.key(), webhookId)) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public double count(String meter, String... tags) {
        Counter counter = registry.find(meter).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        deliverers.forEach(DelivererRole::close);
        view.close();
        producer.close();
        admin.close();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
