package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Ids;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** {@code POST /v1/events}: validate, assign id and timestamp, and answer 202 once the broker has the event. */
final class EventsApi {

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final Clock clock;

    EventsApi(Producer<String, byte[]> producer, MeterRegistry registry, Clock clock) {
        this.producer = producer;
        this.registry = registry;
        this.clock = clock;
    }

    void publish(Context ctx) {
        EventValidator.Result result = EventValidator.validate(JsonBodies.read(ctx, EventValidator.MAX_EVENT_BYTES),
                Ids::newEventId, () -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (result instanceof EventValidator.Invalid invalid) {
            registry.counter(WebhookMetrics.EVENTS_INVALID, "reason", invalid.reason()).increment();
            throw ApiException.badRequest("invalid_event", invalid.violations());
        }
        Event event = ((EventValidator.Valid) result).event();
        ctx.future(() -> send(event).thenAccept(ignored -> ctx.status(202).json(Map.of("id", event.id()))));
    }

    private CompletableFuture<Void> send(Event event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.EVENTS, event.workspaceId(), Json.toBytes(event)), (metadata, e) -> {
            if (e != null) {
                acked.completeExceptionally(e);
            } else {
                registry.counter(WebhookMetrics.EVENTS_INGESTED, "event", event.event()).increment();
                acked.complete(null);
            }
        });
        return acked;
    }
}
