package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.deliverer.health.HealthWatch;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Auto-disable end to end on the test broker: the shared system (router, deliverer, ingest and its subscriptions'
 * owner) with a health watch of the test's own, whose periods are seconds instead of days.
 */
class AutoDisableIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonSerde<OperationalEvent> EVENTS = new JsonSerde<>(OperationalEvent.class);

    private final ApiClient api = TestSystem.api();
    private final AtomicInteger answer = new AtomicInteger(500);
    private final RecordingReceiver receiver = new RecordingReceiver().answer(request -> Reply.status(answer.get()));
    private final String workspace = "ws_" + UUID.randomUUID();
    private final String group = "auto-disable-it-" + UUID.randomUUID();
    private final List<HealthWatch> watches = new ArrayList<>();

    AutoDisableIT() throws IOException {
    }

    @AfterEach
    void stop() {
        watches.forEach(HealthWatch::close);
        receiver.close();
    }

    @Test
    void shouldDisableAWebhookWhoseDeliveriesAllFailedForThePeriodReportItAndStartAfreshOnceEnabled() {
        watch(Map.of("delivery.auto-disable-after", "2s", "delivery.failing-after", "1s",
                "delivery.circuit-breaker.failure-threshold", "2", "delivery.dead-letter-events.window", "1s"));
        String id = create();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            api.post("/v1/webhooks/" + id + "/test", "");
            return !api.get("/v1/webhooks/" + id).json().get("enabled").booleanValue();
        });
        assertThat(api.get("/v1/webhooks/" + id).json().get("disabledReason").textValue()).isEqualTo("endpoint_failing");
        List<OperationalEvent> failing = await().atMost(WAIT).until(() -> events(id),
                events -> types(events).containsAll(List.of(OperationalEvent.WEBHOOK_FAILING, OperationalEvent.WEBHOOK_DISABLED)));
        assertThat(types(failing)).as("failing, then disabled").containsSubsequence(OperationalEvent.WEBHOOK_FAILING,
                OperationalEvent.WEBHOOK_DISABLED);
        OperationalEvent disabled = only(failing, OperationalEvent.WEBHOOK_DISABLED);
        assertThat(disabled.data()).containsEntry("reason", "endpoint_failing").containsEntry("version", 2);
        assertThat(disabled.workspaceId()).isEqualTo(workspace);

        // The API lists them, for the webhook and for its workspace, newest first.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(listed("webhookId=" + id)).containsSubsequence(OperationalEvent.WEBHOOK_DISABLED,
                    OperationalEvent.WEBHOOK_FAILING);
            assertThat(listed("workspaceId=" + workspace)).containsSubsequence(OperationalEvent.WEBHOOK_DISABLED,
                    OperationalEvent.WEBHOOK_FAILING);
        });

        // Deliveries of the disabled webhook are parked, and reported as counts.
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/v1/events", Json.toString(Map.of("event", "task.created", "workspaceId", workspace,
                    "data", Map.of("id", "task_" + i)))).status()).isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> parked(events(id)) >= 3);

        // Enabled again (the endpoint fixed first), its failure record is gone: a success recovers nothing.
        answer.set(200);
        ApiClient.Response enabled = api.put("/v1/webhooks/" + id, body(null, true));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> types(events(id)).contains(OperationalEvent.WEBHOOK_ENABLED));
        int received = receiver.received().size();
        assertThat(api.post("/v1/webhooks/" + id + "/test", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.received().size() > received);
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> !types(events(id)).contains(OperationalEvent.WEBHOOK_RECOVERED));
    }

    @Test
    void shouldKeepAWebhooksFailureRecordInKafkaAcrossARestartOfTheWatch() {
        Map<String, String> settings = Map.of("delivery.auto-disable-after", "1h", "delivery.failing-after", "1s",
                "delivery.circuit-breaker.failure-threshold", "1");
        HealthWatch first = watch(settings);
        String id = create();
        OperationalEvent failing = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            api.post("/v1/webhooks/" + id + "/test", "");
            return events(id).stream().filter(e -> e.event().equals(OperationalEvent.WEBHOOK_FAILING)).findFirst().orElse(null);
        }, event -> event != null);

        first.close();
        watches.remove(first);
        answer.set(200);
        // A new data folder: what the watch knew comes back from its changelog in Kafka, not from a local disk.
        watch(settings);
        int received = receiver.received().size();
        assertThat(api.post("/v1/webhooks/" + id + "/test", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.received().size() > received);

        OperationalEvent recovered = await().atMost(WAIT).until(() -> events(id).stream()
                .filter(e -> e.event().equals(OperationalEvent.WEBHOOK_RECOVERED)).findFirst().orElse(null), e -> e != null);
        assertThat(recovered.data().get("failingSince")).isEqualTo(failing.data().get("failingSince"));
        assertThat(((Number) recovered.data().get("failures")).longValue())
                .isGreaterThanOrEqualTo(((Number) failing.data().get("failures")).longValue());
        assertThat(api.get("/v1/webhooks/" + id).json().get("enabled").booleanValue()).isTrue();
    }

    @Test
    void shouldRefuseAListingOfOperationalEventsThatNamesNeitherOrBothAWebhookAndAWorkspace() {
        for (String query : List.of("", "?limit=5", "?webhookId=webhook_a&workspaceId=ws_a", "?webhookId=%20")) {
            ApiClient.Response answer = api.get("/v1/operational-events" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().get("error").textValue()).isEqualTo("invalid_parameter");
        }
        assertThat(api.get("/v1/operational-events?webhookId=webhook_a&limit=0").status()).isEqualTo(400);
        assertThat(api.get("/v1/operational-events?webhookId=webhook_" + UUID.randomUUID()).json().get("data")).isEmpty();
    }

    /** The types of the events the API lists for {@code query}, newest first. */
    private List<String> listed(String query) {
        ApiClient.Response answer = api.get("/v1/operational-events?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        answer.json().get("data").forEach(event -> types.add(event.get("event").textValue()));
        return types;
    }

    /** A health watch of this test's own group, running. */
    private HealthWatch watch(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        settings.put("topics.partitions", "3");
        settings.put("secrets.key", TestSecrets.KEY);
        settings.put("deliverer.group-id", group);
        try {
            settings.put("data.dir", Files.createTempDirectory("health-watch-").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.putAll(overrides);
        WebhooksConfig config = new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), settings);
        CommandCodec commands = new CommandCodec(SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null)));
        HealthWatch watch = new HealthWatch(config, commands, new SimpleMeterRegistry(), new HealthChecks()).start();
        watches.add(watch);
        await().atMost(WAIT).until(() -> watch.state() == KafkaStreams.State.RUNNING);
        return watch;
    }

    private String create() {
        String id = "webhook_" + UUID.randomUUID();
        ApiClient.Response created = api.post("/v1/webhooks", body(id, true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    /** A webhook's body for a create (with its id) or a replace (without: the path names it). */
    private String body(String id, boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("workspaceId", workspace);
        body.put("url", receiver.url("/hook"));
        body.put("events", List.of("*"));
        body.put("enabled", enabled);
        return Json.toString(body);
    }

    private static List<OperationalEvent> events(String webhookId) {
        try (TopicRecords tail = new TopicRecords(TestKafka.bootstrapServers(), Topics.OPERATIONAL_EVENTS,
                record -> webhookId.equals(record.key()))) {
            return tail.readToEnd().stream().map(r -> EVENTS.deserialize(r.topic(), r.value())).toList();
        }
    }

    private static List<String> types(List<OperationalEvent> events) {
        return events.stream().map(OperationalEvent::event).toList();
    }

    private static OperationalEvent only(List<OperationalEvent> events, String type) {
        return events.stream().filter(e -> e.event().equals(type)).reduce((a, b) -> {
            throw new AssertionError("more than one " + type + ": " + events);
        }).orElseThrow();
    }

    /** Dead letters of reason webhook_disabled reported in delivery.dead_lettered events. */
    @SuppressWarnings("unchecked")
    private static long parked(List<OperationalEvent> events) {
        return events.stream().filter(e -> e.event().equals(OperationalEvent.DELIVERY_DEAD_LETTERED))
                .map(e -> (Map<String, Object>) e.data().get("reasons"))
                .mapToLong(reasons -> ((Number) reasons.getOrDefault("webhook_disabled", 0)).longValue()).sum();
    }
}
