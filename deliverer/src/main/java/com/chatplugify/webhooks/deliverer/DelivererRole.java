package com.chatplugify.webhooks.deliverer;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.metrics.KafkaClientMeters;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.attempt.AttemptClassifier;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.attempt.EndpointExchange;
import com.chatplugify.webhooks.deliverer.attempt.RecentFailures;
import com.chatplugify.webhooks.deliverer.auth.OAuth2TokenClient;
import com.chatplugify.webhooks.deliverer.auth.OAuth2Tokens;
import com.chatplugify.webhooks.deliverer.dispatch.DeliveryHandler;
import com.chatplugify.webhooks.deliverer.dispatch.DispatchGauges;
import com.chatplugify.webhooks.deliverer.dispatch.EndpointDispatcher;
import com.chatplugify.webhooks.deliverer.dispatch.EndpointLimits;
import com.chatplugify.webhooks.deliverer.dispatch.Endpoints;
import com.chatplugify.webhooks.deliverer.engine.Completions;
import com.chatplugify.webhooks.deliverer.engine.ConsumedTiers;
import com.chatplugify.webhooks.deliverer.engine.DeliveryEngine;
import com.chatplugify.webhooks.deliverer.history.AttemptRecorder;
import com.chatplugify.webhooks.deliverer.http.ClientIdentities;
import com.chatplugify.webhooks.deliverer.http.DeliveryTls;
import com.chatplugify.webhooks.deliverer.http.EndpointResolver;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import com.chatplugify.webhooks.deliverer.retry.DeliveryExpiry;
import com.chatplugify.webhooks.deliverer.retry.OutcomeWriter;
import com.chatplugify.webhooks.deliverer.retry.RetryTiers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The deliverer role's composition root: builds the engine, its endpoints and its HTTP client, starts and stops them. */
public final class DelivererRole implements AutoCloseable {

    private static final Duration IDLE_ENDPOINT = Duration.ofMinutes(5);
    /** How long the broker holds a delivery fetch when nothing is new, and so how long a resumed partition may wait. */
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(100);
    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(10);
    /** As long as the process waits for the cluster when it creates the topics, just before. */
    private static final Duration LIST_TOPICS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PUBLISH_RECENT_FAILURES = Duration.ofSeconds(10);
    /** An endpoint holds in memory what it clears in about this long at its pace; the rest waits in Kafka. */
    private static final Duration HOLD_FOR = Duration.ofSeconds(2);
    /** Attempts waiting to be written to the delivery history: at most about 16 MiB, even with 4 KiB response bodies. */
    private static final int HISTORY_QUEUE = 2048;

    private final WebhookHttpClient httpClient;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaProducer<String, byte[]> historyProducer;
    private final AttemptRecorder history;
    private final ExecutorService workers;
    private final ExecutorService moves;
    private final ScheduledThreadPoolExecutor timer;
    private final OutcomeWriter writer;
    private final Endpoints endpoints;
    private final EndpointDispatcher dispatcher;
    private final DeliveryEngine engine;
    private final KafkaClientMeters consumerMetrics;
    private final KafkaClientMeters producerMetrics;

    public DelivererRole(WebhooksConfig config, SubscriptionView subscriptions, MeterRegistry registry,
                         HealthChecks health, Clock clock) {
        this(config, subscriptions, registry, health, clock, DeliveryTls.jvmTrust());
    }

    /** @param serverTrust the authorities endpoints' certificates must chain to: the JVM's, but for tests */
    public DelivererRole(WebhooksConfig config, SubscriptionView subscriptions, MeterRegistry registry,
                         HealthChecks health, Clock clock, X509TrustManager serverTrust) {
        SubscriptionCodec codec = SubscriptionCodec.requiring(config, "The deliverer role");
        DeliveryOptions options = DeliveryOptions.from(config);
        RetryTiers tiers = new RetryTiers(options.retryDelays());
        AddressPolicy addresses = new AddressPolicy(options.allowPrivateAddresses());
        WebhookUrlPolicy urls = new WebhookUrlPolicy(options.allowHttp(), addresses);
        DeliveryTls tls = new DeliveryTls(serverTrust);
        this.httpClient = new WebhookHttpClient(options.timeout(), options.maxInFlight(), new EndpointResolver(
                addresses, options.dnsServers(), options.timeout()), tls, options.proxy());
        this.producer = new KafkaProducer<>(KafkaClients.producer(config, "deliverer-producer"),
                new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(config, options),
                new StringDeserializer(), new ByteArrayDeserializer());
        ConsumedTiers consumed = consumedTiers(config, consumer, tiers);
        this.consumerMetrics = KafkaClientMeters.of(consumer);
        this.historyProducer = new KafkaProducer<>(historyProducerProperties(config), new StringSerializer(),
                new ByteArraySerializer());
        this.producerMetrics = KafkaClientMeters.of(producer);
        consumerMetrics.bindTo(registry);
        producerMetrics.bindTo(registry);

        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                DaemonThreads.numbered("delivery-worker"));
        this.moves = Executors.newSingleThreadExecutor(DaemonThreads.named("delivery-moves"));
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("delivery-timer"));
        timer.setRemoveOnCancelPolicy(true);
        RecentFailures recentFailures = new RecentFailures(clock);
        recentFailures.bindTo(registry);
        DeliveryMetrics metrics = new DeliveryMetrics(registry, recentFailures);
        metrics.startAtZero(Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code).toList(),
                Arrays.stream(DeferralReason.values()).map(DeferralReason::code).toList(), tiers.count());
        this.history = new AttemptRecorder(historyProducer, HISTORY_QUEUE, metrics, clock);
        Completions completions = new Completions(consumer::wakeup);
        // A write that cannot succeed stops the engine, created below.
        CompletableFuture<Throwable> permanentFailure = new CompletableFuture<>();
        this.writer = new OutcomeWriter(producer, tiers, metrics, clock, timer, new CommandCodec(codec),
                permanentFailure::complete);
        ClientIdentities identities = new ClientIdentities(tls, clock);
        OAuth2Tokens tokens = new OAuth2Tokens(new OAuth2TokenClient(httpClient, urls, options.timeout(), clock,
                metrics::tokenRequested), clock);
        DeliveryAttempter attempter = new DeliveryAttempter(new EndpointExchange(httpClient, identities, tokens,
                options.timeout()), new AttemptClassifier(clock, options.retryAfterMax()), metrics, clock, urls);
        DeliveryHandler handler = new DeliveryHandler(subscriptions, attempter, writer, tiers,
                new DeliveryExpiry(options.maxAge(), clock), metrics, workers, history);
        this.endpoints = new Endpoints(new EndpointLimits(options.maxInFlightPerEndpoint(),
                options.maxQueuedPerEndpoint(), options.promptLatency(), options.breakerSlowCallDuration(), HOLD_FOR),
                breakerConfig(options, clock));
        this.dispatcher = new EndpointDispatcher(endpoints, options.maxInFlight(), options.maxBufferedRecords(),
                handler, completions, workers, moves, timer, recentFailures::forget);
        subscriptions.addListener(dispatcher::follow);
        this.engine = new DeliveryEngine(consumer, dispatcher, completions, tiers, consumed,
                options.maxBufferedRecords(), options.drainTimeout(), clock);
        permanentFailure.thenAccept(engine::fail);
        new DispatchGauges(dispatcher).bindTo(registry);
        metrics.retryBacklogGauges(consumed.tiers(), this.engine::retryBacklog);
        timer.scheduleWithFixedDelay(() -> {
            endpoints.evictIdle(IDLE_ENDPOINT);
            identities.evictIdle(IDLE_ENDPOINT);
            tokens.evictExpired();
        }, 1, 1, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(recentFailures::publish, PUBLISH_RECENT_FAILURES.toMillis(),
                PUBLISH_RECENT_FAILURES.toMillis(), TimeUnit.MILLISECONDS);

        health.addLiveness("deliverer", () -> this.engine.alive()
                ? HealthChecks.Status.up("running")
                : HealthChecks.Status.down(this.engine.failure().map(Throwable::toString).orElse("not running")));
        // Ready once the group has given this instance its share, even an empty one: an instance beyond the
        // partition count (or the spare one of a rolling update) is healthy and takes over when another leaves.
        health.addReadiness("deliverer", () -> this.engine.failure().isPresent()
                ? HealthChecks.Status.down(this.engine.failure().get().toString())
                : this.engine.joined()
                        ? HealthChecks.Status.up(this.engine.assigned()
                                ? this.engine.assignment().size() + " partitions assigned"
                                : "in the consumer group; no partitions assigned (more instances than partitions)")
                        : HealthChecks.Status.down("joining the consumer group"));
    }

    /**
     * The tier topics to consume, those left over from a longer schedule included. Listing them is the first call to
     * the cluster; when it fails, the clients made so far are closed with it.
     */
    private ConsumedTiers consumedTiers(WebhooksConfig config, KafkaConsumer<String, byte[]> consumer, RetryTiers tiers) {
        try {
            return ConsumedTiers.find(consumer, tiers.count(), LIST_TOPICS_TIMEOUT,
                    config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            httpClient.close();
            throw e;
        }
    }

    /**
     * Every endpoint's circuit breaker: it opens when the last {@code failure-threshold} attempts all failed, or all
     * took longer than {@code slow-call-duration}, and lets one probe through after {@code open-duration}.
     */
    private static CircuitBreakerConfig breakerConfig(DeliveryOptions options, Clock clock) {
        int threshold = options.breakerFailureThreshold();
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(threshold)
                .minimumNumberOfCalls(threshold)
                .failureRateThreshold(100)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(options.breakerSlowCallDuration())
                .waitDurationInOpenState(options.breakerOpenDuration())
                // Deliveries to an open circuit move on without asking it, so it must turn half-open by itself.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build();
    }

    public DelivererRole start() {
        history.start();
        dispatcher.start();
        engine.start();
        return this;
    }

    /** Whether the group has given this instance partitions to deliver. */
    public boolean assigned() {
        return engine.assigned();
    }

    @Override
    public void close() {
        engine.close();
        writer.stop();
        workers.shutdown();
        moves.shutdown();
        history.close();
        historyProducer.close(PRODUCER_CLOSE);
        producer.close(PRODUCER_CLOSE);
        httpClient.close();
        timer.shutdownNow();
        consumerMetrics.close();
        producerMetrics.close();
    }

    /**
     * The delivery consumer's properties. Unlike the router's input, its fetches are not gathered: under exactly-once
     * the router's deliveries become readable all at once at each of its commits, so a fetch held to gather more would
     * only delay them, by up to 10 ms (BENCHMARKS.md has the measurements under either guarantee).
     */
    static Map<String, Object> consumerProperties(WebhooksConfig config, DeliveryOptions options) {
        Map<String, Object> consumerProps = KafkaClients.consumer(config, options.groupId(), "deliverer");
        consumerProps.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis());
        // Cooperative rebalancing moves only the partitions that change owner, so a joining instance does not make
        // every other one drain its in-flight attempts.
        consumerProps.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        // Consumption pauses once delivery.max-buffered-records are held; one poll may bring this many more.
        consumerProps.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Math.max(1, Math.min(500, options.maxBufferedRecords() / 10)));
        // A killed instance holds its partitions until the session times out: this bounds how long its deliveries wait.
        int sessionTimeoutMs = (int) options.sessionTimeout().toMillis();
        consumerProps.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        consumerProps.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.min(3000, sessionTimeoutMs / 3));
        return consumerProps;
    }

    /**
     * The delivery history's producer, apart from the one whose acknowledgements commit deliveries: a slow history
     * must not hold up an outcome. Small buffer, short blocking, bigger batches (history is not latency-bound).
     */
    private static Map<String, Object> historyProducerProperties(WebhooksConfig config) {
        Map<String, Object> props = KafkaClients.producer(config, "deliverer-history");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return props;
    }
}
