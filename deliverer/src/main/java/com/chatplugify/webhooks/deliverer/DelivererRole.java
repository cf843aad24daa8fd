package com.chatplugify.webhooks.deliverer;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.attempt.AttemptClassifier;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import com.chatplugify.webhooks.deliverer.loop.DeliveryLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The deliverer role's composition root. */
public final class DelivererRole implements AutoCloseable {

    private final WebhookHttpClient httpClient;
    private final KafkaProducer<String, byte[]> producer;
    private final DeliveryLoop loop;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;

    public DelivererRole(WebhooksConfig config, SubscriptionView subscriptions, MeterRegistry registry,
                         HealthChecks health, Clock clock) {
        int perEndpoint = config.getInt(DelivererConfig.MAX_IN_FLIGHT_PER_ENDPOINT);
        this.httpClient = new WebhookHttpClient(config.getDuration(DelivererConfig.TIMEOUT), perEndpoint,
                config.getInt(DelivererConfig.MAX_IN_FLIGHT));
        this.producer = new KafkaProducer<>(KafkaClients.producer(config, "deliverer-producer"),
                new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(config, config.getString(DelivererConfig.GROUP_ID), "deliverer"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        this.producerMetrics = new KafkaClientMetrics(producer);
        consumerMetrics.bindTo(registry);
        producerMetrics.bindTo(registry);
        DeliveryMetrics metrics = new DeliveryMetrics(registry);
        DeliveryAttempter attempter = new DeliveryAttempter(httpClient, new AttemptClassifier(clock), metrics, clock,
                config.getBoolean(CommonConfig.DELIVERY_ALLOW_HTTP));
        this.loop = new DeliveryLoop(consumer, producer, subscriptions, attempter, metrics, clock);
        health.addLiveness("deliverer", () -> loop.alive()
                ? HealthChecks.Status.up("running")
                : HealthChecks.Status.down(loop.failure().map(Throwable::toString).orElse("not running")));
        health.addReadiness("deliverer", () -> loop.assigned()
                ? HealthChecks.Status.up("partitions assigned")
                : HealthChecks.Status.down("no partitions assigned yet"));
    }

    public DelivererRole start() {
        loop.start();
        return this;
    }

    @Override
    public void close() {
        loop.close();
        producer.close();
        httpClient.close();
        consumerMetrics.close();
        producerMetrics.close();
    }
}
