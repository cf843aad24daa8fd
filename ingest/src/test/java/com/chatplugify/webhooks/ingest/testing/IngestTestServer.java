package com.chatplugify.webhooks.ingest.testing;

import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.http.OpsServer;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.TopicInitializer;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.ingest.IngestRole;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The ingest role alone, serving the /v1 API on 127.0.0.1 over the test broker: started once per JVM and shared
 * by the tests, which keep apart with their own workspaces and webhook ids.
 */
public final class IngestTestServer implements AutoCloseable {

    public static final String API_TOKEN = "test-token";
    private static IngestTestServer shared;

    private final WebhooksConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SubscriptionView view;
    private final IngestRole role;
    private final OpsServer server;
    private final String token;
    private final RouteRecorder routes = new RouteRecorder();

    private IngestTestServer(WebhooksConfig config) {
        this.config = config;
        try (Admin admin = Admin.create(KafkaClients.admin(config, "ingest-test-admin"))) {
            new TopicInitializer(admin, Duration.ofSeconds(30), TestKafka.bootstrapServers()).ensure(TopicCatalogue.topics(config));
        }
        this.view = SubscriptionView.create(config, "ingest-test-view").start();
        HealthChecks health = new HealthChecks();
        this.token = config.getPassword(CommonConfig.API_TOKEN).value();
        this.role = new IngestRole(config, token, view, registry, health, Clock.systemUTC());
        this.server = new OpsServer("127.0.0.1", 0, registry, health, List.of(routes, role.routes())).start();
    }

    public static synchronized IngestTestServer shared() {
        if (shared == null) {
            shared = start(Map.of());
            TestKafka.closeBeforeBroker(shared);
        }
        return shared;
    }

    /** A server of its own, with some settings changed; the caller closes it. */
    public static IngestTestServer start(Map<String, String> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers());
        settings.put(CommonConfig.TOPICS_PARTITIONS, "3");
        settings.put(CommonConfig.DELIVERY_ALLOW_HTTP, "true");
        settings.put(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES, "true");
        settings.put(CommonConfig.SECRETS_KEY, TestSecrets.KEY);
        settings.put(CommonConfig.DATA_DIR, temporaryDataDir());
        settings.put(CommonConfig.API_TOKEN, API_TOKEN);
        settings.put(IngestConfig.SECRET_ROTATION_GRACE, "1h");
        // No router runs beside the API here: writes answer without waiting for one (Routing-Status: pending).
        settings.put(IngestConfig.ROUTING_WAIT, "0s");
        settings.putAll(overrides);
        ConfigDef definition = IngestConfig.define(CommonConfig.define(new ConfigDef()));
        return new IngestTestServer(new WebhooksConfig(definition, settings));
    }

    private static String temporaryDataDir() {
        try {
            return Files.createTempDirectory("ingest-test-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient api() {
        return OpenApiContract.checkedClient(server.baseUrl(), token);
    }

    /** Waits until {@code GET /ready} answers 200: every part of the role has joined its group and caught up. */
    public IngestTestServer awaitReady() {
        ApiClient anonymous = OpenApiContract.checkedClient(server.baseUrl(), "");
        await().atMost(Duration.ofSeconds(60)).until(() -> anonymous.get("/ready").status() == 200);
        return this;
    }

    /** Every route the HTTP server serves, as Javalin registered it. */
    public List<RouteRecorder.Route> routes() {
        return routes.routes();
    }

    /** A client that calls with {@code token} instead of the admin token. */
    public ApiClient api(String token) {
        return OpenApiContract.checkedClient(server.baseUrl(), token);
    }

    /** Issues a workspace token through the API, as the admin; returns its id and secret. */
    public IssuedToken issueToken(String workspaceId, String... permissions) {
        ApiClient.Response issued = api().post("/v1/tokens", Json.toString(Map.of("name", "test token",
                "workspaceId", workspaceId, "permissions", List.of(permissions))));
        if (issued.status() != 201) {
            throw new IllegalStateException("could not issue a token: " + issued.status() + " " + issued.body());
        }
        return new IssuedToken(issued.json().get("id").textValue(), issued.json().get("token").textValue());
    }

    /** A token issued by {@link #issueToken}. */
    public record IssuedToken(String id, String secret) {
    }

    /** Every {@code /v1} route the server has, as the router lists them ({@code "GET /v1/webhooks/{id}"}). */
    public List<String> apiRoutes() {
        return apiRoutesWhere(route -> true);
    }

    /** The {@code /v1} routes without an access rule: the admin's alone. */
    public List<String> apiRoutesWithoutRule() {
        return apiRoutesWhere(route -> !role.api().hasAccessRule(route.method(), route.path()));
    }

    private List<String> apiRoutesWhere(Predicate<RouteRecorder.Route> filter) {
        return routes().stream().filter(route -> route.path().startsWith("/v1/")).filter(filter)
                .map(route -> route.method() + " " + route.path()).toList();
    }

    /** This instance's webhooks view, the one its API answers from. */
    public SubscriptionView view() {
        return view;
    }

    public WebhooksConfig config() {
        return config;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.close();
        role.close();
        view.close();
    }
}
