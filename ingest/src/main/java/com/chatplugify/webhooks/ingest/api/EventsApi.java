package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.common.publisher.InvalidEventException;
import com.chatplugify.webhooks.common.publisher.PublishedEvent;
import com.chatplugify.webhooks.ingest.eventtypes.DataValidation;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyKey;
import com.chatplugify.webhooks.ingest.idempotency.RequestFingerprint;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events} and {@code POST /v1/events/batch}: validate (all or nothing for a batch), assign ids and
 * timestamps, and answer 202 once the broker has acknowledged every event. Room for events awaiting the broker
 * is bounded; without room, or without an acknowledgement in time, the answer is 503 with {@code Retry-After},
 * naming the events that were written. An {@code Idempotency-Key} makes a retry safe (see {@link EventSubmission}).
 */
public final class EventsApi {

    /** The request header that makes a call idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(EventsApi.class);
    private static final KnownFields ENVELOPE = KnownFields.of(EventValidator.ENVELOPE_FIELDS);
    /**
     * Stands in for the time an event without a timestamp is given when published: written with milliseconds, it is
     * as long as any, so that an event measured with it is no smaller than the one published.
     */
    private static final Instant LONGEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00.001Z");

    private final EventSubmission submission;
    private final InFlightBytes inFlight;
    private final MeterRegistry registry;
    private final DataValidation dataValidation;
    private final Clock clock;
    private final ThrottledLogger refusals = new ThrottledLogger(log, 20);

    public EventsApi(EventSubmission submission, InFlightBytes inFlight, MeterRegistry registry,
                     DataValidation dataValidation, Clock clock) {
        this.submission = submission;
        this.inFlight = inFlight;
        this.registry = registry;
        this.dataValidation = dataValidation;
        this.clock = clock;
        // Every known label value exists at zero from the start, so that rate() and increase() count the first one.
        EventTypes.DOMAIN.forEach(type -> registry.counter(WebhookMetrics.EVENTS_INGESTED, "event", type));
        Violation.REASONS.forEach(reason -> registry.counter(WebhookMetrics.EVENTS_INVALID, "reason", reason));
    }

    void register(JavalinDefaultRoutingApi app) {
        app.post("/v1/events", this::publish);
        app.post("/v1/events/batch", this::publishBatch);
    }

    void publish(Context ctx) {
        byte[] body = JsonBodies.bytes(ctx, ApiLimits.MAX_EVENT_BYTES);
        JsonNode event = JsonBodies.parse(body);
        write(ctx, body.length, event, List.of(event), false);
    }

    void publishBatch(Context ctx) {
        byte[] body = JsonBodies.bytes(ctx, ApiLimits.MAX_BATCH_BYTES);
        JsonNode batch = JsonBodies.parse(body);
        if (!batch.isArray()) {
            throw ApiException.badRequest("not_an_array", "a batch is a JSON array of events");
        }
        if (batch.isEmpty()) {
            throw ApiException.badRequest("empty_batch", "a batch holds 1 to " + ApiLimits.MAX_BATCH_EVENTS + " events");
        }
        if (batch.size() > ApiLimits.MAX_BATCH_EVENTS) {
            // A count, not a size: 413 is for bodies over their byte limit.
            throw ApiException.badRequest("too_many_events", "the batch holds " + batch.size() + " events; at most "
                    + ApiLimits.MAX_BATCH_EVENTS + " are accepted: split it");
        }
        List<JsonNode> events = new ArrayList<>(batch.size());
        batch.forEach(events::add);
        write(ctx, body.length, batch, events, true);
    }

    private void write(Context ctx, int bytes, JsonNode body, List<JsonNode> events, boolean batch) {
        IdempotencyKey key = idempotencyKey(ctx);
        refuseBeforePublishing(events, batch);
        InFlightBytes.Reservation reservation = inFlight.reserve(bytes);
        CompletableFuture<Publication> publication;
        try {
            publication = key == null
                    ? submission.submit(events, this::count)
                    : submission.submit(events, key, RequestFingerprint.of(ctx.path(), body), this::count);
        } catch (RuntimeException e) {
            reservation.release();
            throw e;
        }
        publication.whenComplete((done, error) -> reservation.release());
        ctx.future(() -> publication
                .handle((done, error) -> refusedIfInvalid(done, error, events, batch))
                .thenAccept(done -> EventAnswers.answer(ctx, done, batch)));
    }

    /** The caller's Idempotency-Key, scoped to the caller; null without one. */
    private static IdempotencyKey idempotencyKey(Context ctx) {
        String value = SingleHeaders.value(ctx, IDEMPOTENCY_KEY);
        if (value == null) {
            return null;
        }
        String problem = IdempotencyKey.problemWith(value);
        if (problem != null) {
            throw ApiException.badRequest("invalid_header", List.of(new Violation(Violation.INVALID_VALUE,
                    IDEMPOTENCY_KEY, problem)));
        }
        return new IdempotencyKey(IdempotencyKey.scopeOfToken(BearerAuth.presentedToken(ctx)), value);
    }

    private void count(PublishedEvent event) {
        registry.counter(WebhookMetrics.EVENTS_INGESTED, "event", event.event().event()).increment();
    }

    /**
     * An envelope field the API does not know is refused, with every other problem of that event, rather than dropped
     * on the way to receivers; so is {@code data} that breaks its type's schema when {@code events.validate-data} is
     * on (otherwise fields inside {@code data} are the publisher's own and never checked). (Records written to Kafka
     * directly keep the router's rule: unknown envelope fields are ignored, so that publishers and routers of
     * different versions can run side by side.) Every event is checked before any is published, or a key claimed,
     * its size too: as it will be published, with an id and a timestamp.
     */
    private void refuseBeforePublishing(List<JsonNode> events, boolean batch) {
        List<InvalidEventException.Item> items = new ArrayList<>();
        Instant now = clock.instant();
        for (int index = 0; index < events.size(); index++) {
            List<Violation> violations = new ArrayList<>(ENVELOPE.unknownIn(events.get(index)));
            violations.addAll(dataValidation.violations(events.get(index)));
            EventValidator.Result result = EventValidator.validate(events.get(index), Ids::newEventId,
                    () -> LONGEST_TIMESTAMP, now);
            if (result instanceof EventValidator.Invalid invalid) {
                violations.addAll(invalid.violations());
            } else if (result instanceof EventValidator.Valid valid) {
                EventPublisher.sizeViolation(valid.event()).ifPresent(violations::add);
            }
            if (!violations.isEmpty()) {
                items.add(new InvalidEventException.Item(index, violations));
            }
        }
        if (!items.isEmpty()) {
            InvalidEventException invalid = new InvalidEventException(items);
            logRefusal(invalid, events, batch);
            throw refusal(invalid, batch);
        }
    }

    private Publication refusedIfInvalid(Publication publication, Throwable error, List<JsonNode> events,
                                         boolean batch) {
        if (error == null) {
            return publication;
        }
        Throwable cause = EventSubmission.cause(error);
        if (cause instanceof InvalidEventException invalid) {
            logRefusal(invalid, events, batch);
            throw refusal(invalid, batch);
        }
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /**
     * One line per refused request, with the violations' codes and fields but not their messages, which may quote
     * the event; and the event's id when a single event gave a valid one.
     */
    private void logRefusal(InvalidEventException invalid, List<JsonNode> events, boolean batch) {
        String reasons = invalid.items().stream()
                .map(item -> (batch ? "#" + item.index() + " " : "") + item.violations().stream()
                        .map(EventsApi::code).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        if (batch) {
            refusals.info(LogContext.empty(), "Refused a batch of {} events, {} of them invalid: {}", events.size(),
                    invalid.items().size(), reasons);
            return;
        }
        JsonNode id = events.get(0).get("id");
        boolean idValid = id != null && id.isTextual() && invalid.items().get(0).violations().stream()
                .noneMatch(violation -> "id".equals(violation.field()));
        refusals.info(LogContext.empty().and(LogContext.EVENT_ID, idValid ? id.textValue() : null),
                "Refused an event: {}", reasons);
    }

    private static String code(Violation violation) {
        return violation.field().isEmpty() ? violation.reason() : violation.reason() + " (" + violation.field() + ")";
    }

    /** A single event's refusal details its violations; a batch's names each bad event by its index. */
    private ApiException refusal(InvalidEventException invalid, boolean batch) {
        invalid.items().forEach(item -> registry.counter(WebhookMetrics.EVENTS_INVALID, "reason",
                item.violations().get(0).reason()).increment());
        Object detail = batch ? invalid.items().stream().map(item -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("index", item.index());
            json.put("violations", item.violations());
            return json;
        }).toList() : invalid.items().get(0).violations();
        if (invalid.tooLarge()) {
            return ApiException.tooLarge(detail);
        }
        return ApiException.badRequest(batch ? "invalid_events" : "invalid_event", detail);
    }
}
