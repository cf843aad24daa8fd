package com.chatplugify.webhooks.common.publisher;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes domain events straight to {@code chatplugify.events}, for upstream services that write to Kafka
 * rather than through the HTTP API. Every event is checked by {@link EventValidator} (the router's own rules),
 * given an {@code evt_} id and a timestamp when it has none, and written with key = workspaceId by an idempotent
 * producer with {@code acks=all}. A returned future completes once the broker has acknowledged the event, or
 * fails with {@link InvalidEventException} (nothing written) or the producer's exception.
 *
 * <pre>{@code
 * try (EventPublisher publisher = EventPublisher.create("kafka-1:9092,kafka-2:9092")) {
 *     PublishedEvent published = publisher.publish("conversation.created", "ws_456",
 *             Map.of("id", "conv_123", "status", "active")).join();
 * }
 * }</pre>
 *
 * Thread-safe; share one instance per process.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Clock clock;

    /** Wraps a producer that must be idempotent with {@code acks=all}; {@link #close()} closes it. */
    public EventPublisher(Producer<String, byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /** A publisher on its own producer, connected to {@code bootstrapServers}. */
    public static EventPublisher create(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return create(properties);
    }

    /**
     * A publisher on its own producer configured by {@code properties} (bootstrap servers, security, client id,
     * timeouts, ...). {@code acks=all} and idempotence are enforced; serializers are the publisher's own.
     */
    public static EventPublisher create(Properties properties) {
        Map<String, Object> props = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> props.put(name, properties.getProperty(name)));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "chatplugify-event-publisher");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new EventPublisher(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()),
                Clock.systemUTC());
    }

    /**
     * Publishes an event of {@code eventType} for a workspace, with a new id and the current time.
     *
     * @param data the event's object: a {@code Map}, a record or bean, or an {@code ObjectNode}
     */
    public CompletableFuture<PublishedEvent> publish(String eventType, String workspaceId, Object data) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("event", eventType);
        envelope.put("workspaceId", workspaceId);
        envelope.set("data", Json.mapper().valueToTree(data));
        return publish(envelope);
    }

    /** Publishes an event whose id and timestamp the caller chose (e.g. to re-publish it idempotently). */
    public CompletableFuture<PublishedEvent> publish(Event event) {
        return publish(Json.mapper().<JsonNode>valueToTree(event));
    }

    /** Publishes a JSON envelope as DESIGN.md shows it; {@code id} and {@code timestamp} are optional. */
    public CompletableFuture<PublishedEvent> publish(JsonNode envelope) {
        return publishAll(List.of(envelope)).thenApply(published -> published.get(0));
    }

    /**
     * Publishes several envelopes, all or none: if any is invalid, none is written and the future fails with
     * {@link InvalidEventException} naming each bad one by its index. Once they are valid, each is written on its
     * own; if one is not acknowledged the future fails, though others may have been written (publish again with
     * the same ids so that receivers can deduplicate).
     */
    public CompletableFuture<List<PublishedEvent>> publishAll(List<? extends JsonNode> envelopes) {
        List<CompletableFuture<PublishedEvent>> sends = publishEach(envelopes);
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> sends.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Publishes several envelopes, all or none, with one future per envelope in order: if any is invalid, none is
     * written and every future fails with the same {@link InvalidEventException}; otherwise each completes once the
     * broker has that event, so a caller can tell which of them were written when some were not.
     */
    public List<CompletableFuture<PublishedEvent>> publishEach(List<? extends JsonNode> envelopes) {
        List<PreparedEvent> prepared = new ArrayList<>(envelopes.size());
        List<InvalidEventException.Item> problems = new ArrayList<>();
        Instant now = now();
        for (int index = 0; index < envelopes.size(); index++) {
            EventValidator.Result result = EventValidator.validate(envelopes.get(index), Ids::newEventId, this::now, now);
            if (result instanceof EventValidator.Invalid invalid) {
                problems.add(new InvalidEventException.Item(index, invalid.violations()));
                continue;
            }
            Event event = ((EventValidator.Valid) result).event();
            byte[] value = Json.toBytes(event);
            Optional<Violation> tooLarge = sizeViolation(value.length);
            if (tooLarge.isPresent()) {
                problems.add(new InvalidEventException.Item(index, List.of(tooLarge.get())));
                continue;
            }
            prepared.add(new PreparedEvent(event, value));
        }
        if (!problems.isEmpty()) {
            CompletableFuture<PublishedEvent> refused = CompletableFuture.failedFuture(new InvalidEventException(problems));
            return envelopes.stream().map(envelope -> refused).toList();
        }
        return prepared.stream().map(this::send).toList();
    }

    /**
     * Why {@code event}, encoded as it would be written, is too large to publish; empty when it fits. Lets a caller
     * that must refuse before it commits to anything (the API, before it claims an Idempotency-Key) apply the
     * publisher's own limit.
     */
    public static Optional<Violation> sizeViolation(Event event) {
        return sizeViolation(Json.toBytes(event).length);
    }

    private static Optional<Violation> sizeViolation(int bytes) {
        if (bytes <= EventValidator.MAX_EVENT_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Violation(Violation.TOO_LARGE, "", "the event is " + bytes + " bytes; at most "
                + EventValidator.MAX_EVENT_BYTES + " are accepted"));
    }

    /** Sends what is buffered and waits for the acknowledgements. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    public void close(Duration timeout) {
        producer.close(timeout);
    }

    private CompletableFuture<PublishedEvent> send(PreparedEvent prepared) {
        CompletableFuture<PublishedEvent> acked = new CompletableFuture<>();
        Event event = prepared.event();
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS, event.workspaceId(), prepared.value()), (metadata, e) -> {
                if (e != null) {
                    acked.completeExceptionally(e);
                } else {
                    acked.complete(new PublishedEvent(event, metadata.partition(), metadata.offset()));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            // send() throws, instead of calling back, when the producer is closed or interrupted.
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private record PreparedEvent(Event event, byte[] value) {
    }
}
