package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.http.HttpRoutes;
import com.chatplugify.webhooks.common.http.OpsServer;
import com.chatplugify.webhooks.common.http.ReadinessGauges;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.KafkaReadiness;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.TopicInitializer;
import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.DelivererRole;
import com.chatplugify.webhooks.deliverer.WaitingTopicsRetention;
import com.chatplugify.webhooks.deliverer.http.DeliveryTls;
import com.chatplugify.webhooks.deliverer.health.HealthWatch;
import com.chatplugify.webhooks.ingest.IngestRole;
import com.chatplugify.webhooks.router.RouterRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a process: given its configuration and the roles it runs, it creates the topics,
 * builds every object with plain constructors, starts them, serves HTTP, and stops them in reverse order.
 */
public final class WebhooksProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhooksProcess.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final HealthChecks health = new HealthChecks();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private OpsServer server;
    private RouterRole router;
    private LivenessWatch liveness;

    private WebhooksProcess() {
    }

    /**
     * Starts the roles.
     *
     * @param apiToken the token the API requires; null when the process does not run the ingest role
     */
    public static WebhooksProcess start(WebhooksConfig config, Set<Role> roles, String apiToken, Clock clock) {
        return start(config, roles, apiToken, clock, DeliveryTls.jvmTrust());
    }

    /**
     * As {@link #start(WebhooksConfig, Set, String, Clock)}, with a deliverer that accepts the endpoint certificates
     * {@code serverTrust} trusts instead of the JVM's authorities: for tests against endpoints with made-up ones.
     */
    public static WebhooksProcess start(WebhooksConfig config, Set<Role> roles, String apiToken, Clock clock,
                                        X509TrustManager serverTrust) {
        WebhooksProcess process = new WebhooksProcess();
        try {
            process.startRoles(config, roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles), apiToken,
                    clock, serverTrust);
            return process;
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private void startRoles(WebhooksConfig config, Set<Role> roles, String apiToken, Clock clock,
                            X509TrustManager serverTrust) {
        if (roles.contains(Role.INGEST) || roles.contains(Role.DELIVERER)) {
            SubscriptionCodec.requiring(config, "The " + (roles.contains(Role.INGEST) ? "ingest" : "deliverer") + " role");
        }
        registry.config().meterFilter(MetricDescriptions.fillMissing());
        bindProcessMetrics();
        Admin admin = Admin.create(KafkaClients.admin(config, "webhooks-admin"));
        started.push(admin);
        String bootstrapServers = config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS);
        Set<String> created = new TopicInitializer(admin, ADMIN_TIMEOUT, bootstrapServers)
                .ensure(TopicCatalogue.topics(config));
        if (roles.contains(Role.DELIVERER)) {
            new WaitingTopicsRetention(admin, ADMIN_TIMEOUT, bootstrapServers).require(config, created);
        }
        new KafkaReadiness(admin, bootstrapServers, () -> TopicCatalogue.topics(config), KafkaReadiness.PROBE_TIMEOUT)
                .addTo(health);

        SubscriptionView view = null;
        if (roles.contains(Role.INGEST) || roles.contains(Role.DELIVERER)) {
            view = SubscriptionView.create(config, "subscription-view").start();
            started.push(view);
            SubscriptionView v = view;
            health.addLiveness("subscription-view", () -> v.alive()
                    ? HealthChecks.Status.up("following " + v.all().size() + " webhooks" + unreadable(v))
                    : HealthChecks.Status.down(v.failure().map(Throwable::toString).orElse("stopped")));
            for (SubscriptionCodec.Storage storage : SubscriptionCodec.Storage.values()) {
                Gauge.builder(WebhookMetrics.SUBSCRIPTIONS_SECRETS, v, view1 -> view1.count(storage))
                        .tag("storage", storage.name().toLowerCase(Locale.ROOT)).register(registry);
            }
        }
        List<HttpRoutes> routes = new ArrayList<>();
        if (roles.contains(Role.ROUTER)) {
            router = new RouterRole(config, registry, health).start();
            started.push(router);
        }
        if (roles.contains(Role.DELIVERER)) {
            started.push(new DelivererRole(config, view, registry, health, clock, serverTrust).start());
            started.push(new HealthWatch(config, new CommandCodec(SubscriptionCodec.requiring(config,
                    "The deliverer role")), registry, health).start());
        }
        if (roles.contains(Role.INGEST)) {
            IngestRole ingest = new IngestRole(config, apiToken, view, registry, health, clock);
            started.push(ingest);
            routes.add(ingest.routes());
        }
        started.push(new ReadinessGauges(health).bindTo(registry).start(ReadinessGauges.INTERVAL));
        server = new OpsServer(config.getString(CommonConfig.HTTP_HOST), config.getInt(CommonConfig.HTTP_PORT),
                registry, health, routes).start();
        started.push(server);
        // Last in, first out: stopping the roles fails their liveness checks, which must not count as dying.
        liveness = new LivenessWatch(health).start();
        started.push(liveness);
    }

    /**
     * Completes, saying what stopped, once a part of this process has stopped working for good (a role's engine or
     * stream thread died): the process should then exit, not keep answering while doing nothing.
     */
    public CompletableFuture<String> died() {
        return liveness.died();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The router of this process, or empty when it runs none. */
    public Optional<RouterRole> router() {
        return Optional.ofNullable(router);
    }

    public HealthChecks health() {
        return health;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Waits until every readiness check passes; returns whether they did within the timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (health.readiness().ok()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return health.readiness().ok();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                // Keep stopping the rest: one part failing to stop must not leave the others running.
                log.warn("Failed to stop {}", resource.getClass().getSimpleName(), e);
            }
        }
        registry.close();
    }

    private static String unreadable(SubscriptionView view) {
        long count = view.count(SubscriptionCodec.Storage.UNREADABLE);
        return count == 0 ? "" : "; the secrets of " + count + " cannot be decrypted with secrets.key or "
                + "secrets.previous-keys (their deliveries are refused)";
    }

    private void bindProcessMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        started.push(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }
}
