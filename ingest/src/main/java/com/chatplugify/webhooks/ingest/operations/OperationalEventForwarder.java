package com.chatplugify.webhooks.ingest.operations;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.ReadFrom;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every operational event to the operator's webhook named by {@code operational-events.webhook-id}: each
 * becomes a delivery of that webhook on {@code chatplugify.deliveries}, so it is signed, retried and dead-lettered like
 * any other. The ingest instances share the topic's partitions in a consumer group and commit a batch once its
 * deliveries are written: at least once, a repeat carrying the same id ({@code webhook-id}). Events about the
 * operator's webhook itself are not sent to it, so that its own failures cannot feed themselves.
 */
public final class OperationalEventForwarder implements AutoCloseable {

    /** Appended to {@code ingest.owner.group-id}: the forwarders' consumer group. */
    public static final String GROUP_SUFFIX = "-operational-events";

    private static final Logger log = LoggerFactory.getLogger(OperationalEventForwarder.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final SubscriptionView view;
    private final String webhookId;
    private final JsonSerde<OperationalEvent> events = new JsonSerde<>(OperationalEvent.class);
    private final JsonSerde<Delivery> deliveries = new JsonSerde<>(Delivery.class);
    private final ThrottledLogger skipped = new ThrottledLogger(log, 1);
    private final TopicReader reader;

    OperationalEventForwarder(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                              SubscriptionView view, String webhookId) {
        this.consumer = consumer;
        this.producer = producer;
        this.view = view;
        this.webhookId = webhookId;
        this.reader = new TopicReader("operational-events-forwarder", "Operational events forwarder", consumer,
                ReadFrom.committed(Topics.OPERATIONAL_EVENTS), POLL_TIMEOUT, new TopicReader.Handler() {
                    @Override
                    public void read(ConsumerRecords<String, byte[]> records) {
                        forward(records);
                    }

                    @Override
                    public void stopped() {
                        producer.close(CLOSE_TIMEOUT);
                    }
                });
    }

    /** The forwarder the configuration asks for, if it names a webhook. */
    public static Optional<OperationalEventForwarder> create(WebhooksConfig config, SubscriptionView view) {
        String webhookId = config.getString(IngestConfig.OPERATIONAL_EVENTS_WEBHOOK_ID);
        if (webhookId == null || webhookId.isBlank()) {
            return Optional.empty();
        }
        String group = config.getString(IngestConfig.OWNER_GROUP_ID) + GROUP_SUFFIX;
        return Optional.of(new OperationalEventForwarder(
                new KafkaConsumer<>(KafkaClients.consumer(config, group, "operational-events-forwarder"),
                        new StringDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(KafkaClients.producer(config, "operational-events-forwarder"),
                        new StringSerializer(), new ByteArraySerializer()),
                view, webhookId.trim()));
    }

    public OperationalEventForwarder start() {
        reader.start();
        return this;
    }

    public boolean alive() {
        return reader.alive();
    }

    public Optional<Throwable> failure() {
        return reader.failure();
    }

    @Override
    public void close() {
        reader.close();
    }

    private void forward(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> writes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            delivery(record).ifPresent(delivery -> writes.add(producer.send(new ProducerRecord<>(
                    Topics.DELIVERIES, delivery.webhookId(), deliveries.serialize(Topics.DELIVERIES, delivery)))));
        }
        if (written(writes)) {
            consumer.commitSync();
        } else {
            rewind(records);
        }
    }

    /** The delivery of one operational event to the operator's webhook, if there is one to make. */
    private Optional<Delivery> delivery(ConsumerRecord<String, byte[]> record) {
        OperationalEvent event;
        try {
            event = events.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LogContext.webhook(record.key()).at(record).run(() -> log.warn("Skipping an unreadable operational event"));
            return Optional.empty();
        }
        if (event == null || webhookId.equals(event.webhookId())) {
            return Optional.empty();
        }
        Optional<Subscription> target = view.get(webhookId);
        if (target.isEmpty()) {
            skipped.warn(LogContext.webhook(webhookId), "Operational event {} not delivered: no webhook '{}' "
                    + "(operational-events.webhook-id)", event.event(), webhookId);
            return Optional.empty();
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("webhookId", event.webhookId());
        data.put("workspaceId", event.workspaceId());
        data.setAll((ObjectNode) Json.mapper().valueToTree(event.data()));
        Event delivered = new Event(event.id(), event.event(), event.timestamp(), target.get().workspaceId(), data);
        return Optional.of(new Delivery(webhookId, target.get().workspaceId(), delivered));
    }

    /** Whether every write of a batch succeeded; when one failed, the batch is forwarded again. */
    private static boolean written(List<Future<RecordMetadata>> writes) {
        try {
            for (Future<RecordMetadata> write : writes) {
                write.get();
            }
            return true;
        } catch (ExecutionException e) {
            log.warn("Cannot write operational events' deliveries, forwarding the batch again: {}", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing operational events' deliveries", e);
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }
}
