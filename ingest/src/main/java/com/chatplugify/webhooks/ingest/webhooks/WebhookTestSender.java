package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@code webhook.test} event to one webhook: a delivery written straight to {@code chatplugify.deliveries}
 * (key = webhookId), so it reaches that endpoint alone, signed and retried like any other, without the router.
 */
public final class WebhookTestSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookTestSender.class);

    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);

    public WebhookTestSender(Producer<String, byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /** Completes with the test event once the broker has it. */
    public CompletableFuture<Event> send(Subscription webhook) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("message", "This is a test event sent from Chatplugify Webhooks to check this endpoint.")
                .put("webhookId", webhook.id())
                .put("test", true);
        Event event = new Event(Ids.newEventId(), EventTypes.WEBHOOK_TEST, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                webhook.workspaceId(), data);
        Delivery delivery = new Delivery(webhook.id(), webhook.workspaceId(), event);
        CompletableFuture<Event> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.DELIVERIES, webhook.id(), serde.serialize(Topics.DELIVERIES, delivery)),
                (metadata, e) -> {
                    if (e != null) {
                        sent.completeExceptionally(e);
                    } else {
                        LogContext.delivery(webhook.id(), event.id())
                                .at(metadata.topic(), metadata.partition(), metadata.offset())
                                .run(() -> log.info("Test event queued"));
                        sent.complete(event);
                    }
                });
        return sent;
    }
}
