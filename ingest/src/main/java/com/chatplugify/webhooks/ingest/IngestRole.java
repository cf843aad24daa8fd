package com.chatplugify.webhooks.ingest;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.http.HttpRoutes;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.api.ApiRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The ingest role's composition root: the /v1 API over a producer and the subscription view. */
public final class IngestRole implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics producerMetrics;
    private final ApiRoutes routes;

    public IngestRole(WebhooksConfig config, String apiToken, SubscriptionView view, MeterRegistry registry,
                      HealthChecks health, Clock clock) {
        this.producer = new KafkaProducer<>(KafkaClients.producer(config, "ingest"), new StringSerializer(),
                new ByteArraySerializer());
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        this.routes = new ApiRoutes(apiToken, producer, view, registry, clock,
                config.getBoolean(CommonConfig.DELIVERY_ALLOW_HTTP),
                new AddressPolicy(config.getBoolean(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES)));
        health.addReadiness("webhooks-view", () -> view.loaded()
                ? HealthChecks.Status.up("loaded")
                : HealthChecks.Status.down("still reading the subscriptions topic"));
    }

    /** The routes to serve on the process's HTTP server. */
    public HttpRoutes routes() {
        return routes;
    }

    @Override
    public void close() {
        producer.close();
        producerMetrics.close();
    }
}
