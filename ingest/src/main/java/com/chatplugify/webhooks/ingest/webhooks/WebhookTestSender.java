package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.ingest.eventtypes.EventTypeCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a test event to one webhook: a delivery written straight to {@code chatplugify.deliveries} (key =
 * webhookId), so it reaches that endpoint alone, signed and retried like any other, without the router. Its data is
 * the catalogue's example of its type: a {@code webhook.test} naming the webhook, or the example of a domain type,
 * so that a receiver can try its handling of that type.
 */
public final class WebhookTestSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookTestSender.class);

    private final Producer<String, byte[]> producer;
    private final EventTypeCatalogue catalogue;
    private final Clock clock;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);

    public WebhookTestSender(Producer<String, byte[]> producer, EventTypeCatalogue catalogue, Clock clock) {
        this.producer = producer;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * Completes with the test event once the broker has it.
     *
     * @param type {@code webhook.test} or a domain type of the catalogue
     */
    public CompletableFuture<Event> send(Subscription webhook, String type) {
        Event event = new Event(Ids.newEventId(), type, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                webhook.workspaceId(), data(webhook, type));
        Delivery delivery = new Delivery(webhook.id(), webhook.workspaceId(), event);
        CompletableFuture<Event> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.DELIVERIES, webhook.id(), serde.serialize(Topics.DELIVERIES, delivery)),
                (metadata, e) -> {
                    if (e != null) {
                        sent.completeExceptionally(e);
                    } else {
                        LogContext.delivery(webhook.id(), event.id())
                                .at(metadata.topic(), metadata.partition(), metadata.offset())
                                .run(() -> log.info("Test event ({}) queued", type));
                        sent.complete(event);
                    }
                });
        return sent;
    }

    /** The example of {@code type}, naming this webhook (a test) or its workspace (a domain example). */
    private ObjectNode data(Subscription webhook, String type) {
        ObjectNode data = (ObjectNode) catalogue.find(type)
                .orElseThrow(() -> new IllegalArgumentException("no example of " + type)).exampleCopy();
        if (EventTypes.WEBHOOK_TEST.equals(type)) {
            data.put("webhookId", webhook.id());
        } else {
            data.put("workspaceId", webhook.workspaceId());
        }
        return data;
    }
}
