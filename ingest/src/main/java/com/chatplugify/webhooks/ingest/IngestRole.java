package com.chatplugify.webhooks.ingest;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.http.HttpRoutes;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.metrics.KafkaClientMeters;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.api.ApiAccess;
import com.chatplugify.webhooks.ingest.api.ApiRoutes;
import com.chatplugify.webhooks.ingest.api.AttemptsApi;
import com.chatplugify.webhooks.ingest.api.DeadLettersApi;
import com.chatplugify.webhooks.ingest.api.EventSubmission;
import com.chatplugify.webhooks.ingest.api.EventTypesApi;
import com.chatplugify.webhooks.ingest.api.EventsApi;
import com.chatplugify.webhooks.ingest.api.InFlightBytes;
import com.chatplugify.webhooks.ingest.api.OperationalEventsApi;
import com.chatplugify.webhooks.ingest.api.OverviewApi;
import com.chatplugify.webhooks.ingest.api.TokensApi;
import com.chatplugify.webhooks.ingest.api.WebhookActionsApi;
import com.chatplugify.webhooks.ingest.api.WebhookRules;
import com.chatplugify.webhooks.ingest.api.WebhooksApi;
import com.chatplugify.webhooks.ingest.console.ConsoleRoutes;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetters;
import com.chatplugify.webhooks.ingest.deadletters.ReplayTargets;
import com.chatplugify.webhooks.ingest.eventtypes.DataValidation;
import com.chatplugify.webhooks.ingest.eventtypes.EventTypeCatalogue;
import com.chatplugify.webhooks.ingest.history.AttemptHistory;
import com.chatplugify.webhooks.ingest.idempotency.ClaimAnswers;
import com.chatplugify.webhooks.ingest.idempotency.ClaimResult;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyClaims;
import com.chatplugify.webhooks.ingest.idempotency.KeyOwners;
import com.chatplugify.webhooks.ingest.operations.OperationalEventForwarder;
import com.chatplugify.webhooks.ingest.operations.OperationalEventLog;
import com.chatplugify.webhooks.ingest.operations.OperationalEventStore;
import com.chatplugify.webhooks.ingest.owner.CommandApplier;
import com.chatplugify.webhooks.ingest.owner.EnablementEvents;
import com.chatplugify.webhooks.ingest.owner.SubscriptionOwner;
import com.chatplugify.webhooks.ingest.tokens.ApiTokens;
import com.chatplugify.webhooks.ingest.tokens.TokenSecret;
import com.chatplugify.webhooks.ingest.tokens.TokenView;
import com.chatplugify.webhooks.ingest.webhooks.SecretRotation;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.WebhookTestSender;
import com.chatplugify.webhooks.ingest.webhooks.WebhookWrites;
import com.chatplugify.webhooks.ingest.webhooks.WriteConfirmations;
import io.javalin.config.JavalinConfig;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ingest role's composition root: the /v1 API over a producer, the subscription view, the delivery history and
 * the dead letters, and the web console; and the subscriptions' owner, which applies the API's webhook changes.
 */
public final class IngestRole implements AutoCloseable {

    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(10);

    private final EventPublisher publisher;
    private final KafkaClientMeters producerMetrics;
    private final DeadLetters deadLetters;
    private final ExecutorService replays;
    private final AttemptHistory history;
    private final TopicReader operationalEvents;
    private final Optional<OperationalEventForwarder> forwarder;
    private final SubscriptionOwner owner;
    private final WriteConfirmations confirmations;
    private final TokenView tokenView;
    private final ApiRoutes api;
    private final KeyOwners keyOwners;
    private final AwaitedAnswers<ClaimResult> claimAnswers;
    private final List<HttpRoutes> routes;

    public IngestRole(WebhooksConfig config, String apiToken, SubscriptionView view, MeterRegistry registry,
                      HealthChecks health, Clock clock) {
        SubscriptionCodec codec = SubscriptionCodec.requiring(config, "The ingest role");
        Duration publishTimeout = config.getDuration(IngestConfig.PUBLISH_TIMEOUT);
        long maxInFlightBytes = config.getLong(IngestConfig.MAX_IN_FLIGHT_BYTES);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(config, publishTimeout,
                maxInFlightBytes), new StringSerializer(), new ByteArraySerializer());
        this.publisher = new EventPublisher(producer, clock);
        this.producerMetrics = KafkaClientMeters.of(producer);
        producerMetrics.bindTo(registry);
        this.deadLetters = DeadLetters.create(config, ReplayTargets.of(view), registry, clock);
        this.replays = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "dead-letter-replay"));
        this.history = AttemptHistory.create(config, clock).start();
        OperationalEventStore operationalEventStore = OperationalEventLog.store();
        this.operationalEvents = OperationalEventLog.reader(config, operationalEventStore, clock);
        operationalEvents.start();
        this.forwarder = OperationalEventForwarder.create(config, view).map(OperationalEventForwarder::start);
        view.addListener((webhookId, subscription) -> {
            if (subscription == null) {
                history.store().forget(webhookId);
            }
        });

        CommandCodec commands = new CommandCodec(codec);
        this.owner = SubscriptionOwner.create(config, config.getString(IngestConfig.OWNER_GROUP_ID), view,
                new CommandApplier(new SecretRotation(config.getDuration(IngestConfig.SECRET_ROTATION_GRACE))), codec,
                ownerMetrics(registry), clock).start();
        this.confirmations = WriteConfirmations.create(config, commands, "write-confirmations").start();
        WebhookWrites writes = new WebhookWrites(producer, confirmations, commands, view, publishTimeout,
                config.getDuration(IngestConfig.ROUTING_WAIT), clock);
        Secrets secrets = new Secrets(new SecureRandom());
        WebhookUrlPolicy urls = new WebhookUrlPolicy(config.getBoolean(CommonConfig.DELIVERY_ALLOW_HTTP),
                new AddressPolicy(config.getBoolean(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES)));
        this.tokenView = TokenView.create(config, clock, "api-token-view").start();
        ApiTokens tokens = new ApiTokens(producer, tokenView, new TokenSecret(new SecureRandom()), clock,
                config.getDuration(IngestConfig.TOKENS_MAX_STALENESS));
        Gauge.builder(WebhookMetrics.TOKEN_VIEW_STALENESS, tokenView, TokenView::stalenessSeconds)
                .baseUnit("seconds").register(registry);
        EventTypeCatalogue eventTypes = EventTypeCatalogue.load();
        DataValidation dataValidation = config.getBoolean(IngestConfig.EVENTS_VALIDATE_DATA)
                ? DataValidation.against(eventTypes) : DataValidation.off();
        this.keyOwners = KeyOwners.create(config, clock).start();
        this.claimAnswers = ClaimAnswers.create(config).start();
        EventSubmission submission = new EventSubmission(publisher,
                new IdempotencyClaims(producer, claimAnswers, publishTimeout,
                        config.getDuration(IngestConfig.IDEMPOTENCY_WINDOW), clock), publishTimeout, clock);
        this.api = new ApiRoutes(ApiAccess.create(apiToken, tokens, view, history.store(), publishTimeout),
                new EventsApi(submission, new InFlightBytes(maxInFlightBytes), registry, dataValidation, clock),
                new WebhooksApi(view, writes, secrets, publishTimeout, new WebhookRules(urls, clock), clock),
                new WebhookActionsApi(view, writes, secrets, new WebhookTestSender(producer, eventTypes, clock),
                        publishTimeout),
                new AttemptsApi(view, history.store(), clock, publishTimeout),
                new DeadLettersApi(deadLetters, replays),
                new EventTypesApi(eventTypes),
                new OperationalEventsApi(operationalEventStore),
                new TokensApi(tokens, clock, publishTimeout),
                new OverviewApi(view, history.store(), clock, publishTimeout));
        this.routes = List.of(api, new ConsoleRoutes());
        health.addReadiness("webhooks-view", () -> view.loaded()
                ? HealthChecks.Status.up("loaded")
                : HealthChecks.Status.down("still reading the subscriptions topic"));
        health.addReadiness("subscription-owner", () -> owner.joined()
                ? HealthChecks.Status.up("in its consumer group")
                : HealthChecks.Status.down("joining its consumer group"));
        health.addLiveness("subscription-owner", () -> owner.alive()
                ? HealthChecks.Status.up("applying webhook changes")
                : HealthChecks.Status.down(owner.failure().map(Throwable::toString).orElse("stopped")));
        health.addReadiness("write-confirmations", () -> confirmations.started().isDone()
                && !confirmations.started().isCompletedExceptionally()
                ? HealthChecks.Status.up("following results and routing acknowledgements")
                : HealthChecks.Status.down("starting"));
        health.addLiveness("write-confirmations", () -> confirmations.alive()
                ? HealthChecks.Status.up("following results and routing acknowledgements")
                : HealthChecks.Status.down(confirmations.failure().map(Throwable::toString).orElse("stopped")));
        health.addReadiness("token-view", () -> tokenView.currentAsOf() != null
                ? HealthChecks.Status.up("read chatplugify.api-tokens")
                : HealthChecks.Status.down("still reading chatplugify.api-tokens"));
        health.addLiveness("token-view", () -> tokenView.alive()
                ? HealthChecks.Status.up("following chatplugify.api-tokens")
                : HealthChecks.Status.down(tokenView.failure().map(Throwable::toString).orElse("stopped")));
        health.addReadiness("idempotency-keys", keyOwners::readiness);
        health.addLiveness("idempotency-keys", keyOwners::liveness);
        health.addLiveness("idempotency-answers", () -> claimAnswers.alive()
                ? HealthChecks.Status.up("following the idempotency keys' answers")
                : HealthChecks.Status.down(claimAnswers.failure().map(Throwable::toString).orElse("stopped")));
        health.addLiveness("attempt-history", () -> history.alive()
                ? HealthChecks.Status.up("following the delivery attempts")
                : HealthChecks.Status.down(history.failure().map(Throwable::toString).orElse("stopped")));
        health.addLiveness("operational-events", () -> operationalEvents.alive()
                ? HealthChecks.Status.up("following the operational events")
                : HealthChecks.Status.down(operationalEvents.failure().map(Throwable::toString).orElse("stopped")));
        forwarder.ifPresent(f -> health.addLiveness("operational-events-forwarder", () -> f.alive()
                ? HealthChecks.Status.up("delivering operational events to " + config.getString(
                        IngestConfig.OPERATIONAL_EVENTS_WEBHOOK_ID))
                : HealthChecks.Status.down(f.failure().map(Throwable::toString).orElse("stopped"))));
    }

    /** The owner writes the disabled and enabled events; every reason a webhook may be disabled for counts from 0. */
    private static OperationalEventMetrics ownerMetrics(MeterRegistry registry) {
        List<String> reasons = new ArrayList<>();
        Arrays.stream(DisableReason.values()).map(DisableReason::code).forEach(reasons::add);
        reasons.add(EnablementEvents.DISABLED_THROUGH_API);
        return new OperationalEventMetrics(registry,
                List.of(OperationalEvent.WEBHOOK_DISABLED, OperationalEvent.WEBHOOK_ENABLED), reasons);
    }

    /** The {@code /v1} API, whose routes and their access rules can be listed once the server is built. */
    public ApiRoutes api() {
        return api;
    }

    /** The routes to serve on the process's HTTP server: the API and the console. */
    public HttpRoutes routes() {
        return new HttpRoutes() {
            @Override
            public void configure(JavalinConfig config) {
                routes.forEach(r -> r.configure(config));
            }

            @Override
            public void register(JavalinDefaultRoutingApi app) {
                routes.forEach(r -> r.register(app));
            }
        };
    }

    @Override
    public void close() {
        owner.close();
        confirmations.close();
        keyOwners.close();
        claimAnswers.close();
        replays.shutdownNow();
        history.close();
        operationalEvents.close();
        forwarder.ifPresent(OperationalEventForwarder::close);
        tokenView.close();
        deadLetters.close();
        // Bounded: what it still holds after that is unanswered anyway (the HTTP server has stopped).
        publisher.close(PRODUCER_CLOSE);
        producerMetrics.close();
    }

    /**
     * The API's producer: idempotent with acks=all, and short of patience, so that a broker that is down turns into
     * a 503 within about {@code publishTimeout} rather than requests piling up.
     */
    private static Map<String, Object> producerProperties(WebhooksConfig config, Duration publishTimeout,
                                                          long maxInFlightBytes) {
        Map<String, Object> props = KafkaClients.producer(config, "ingest");
        int timeoutMillis = (int) publishTimeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMillis);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis / 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis / 2);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, maxInFlightBytes);
        return props;
    }
}
