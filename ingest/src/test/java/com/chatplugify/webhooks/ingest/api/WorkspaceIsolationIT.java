package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.ingest.testing.DeadLetterFixtures;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer.IssuedToken;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspace tokens against every {@code /v1} route the router has: a token of another workspace gets the very 404
 * of something that does not exist, and changes nothing; the workspace's own token is served; a permission it lacks
 * is a 403. The routes come from the router, so a route added without an access rule or an example here fails.
 */
class WorkspaceIsolationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UNIQUE = UUID.randomUUID().toString().substring(0, 8);

    /** The ids a call names: those of workspace A, or ghosts that never existed. */
    private record Target(String workspace, String webhook, String event, String token) {

        String swap(String text, Target to) {
            return text.replace(webhook, to.webhook).replace(event, to.event).replace(token, to.token)
                    .replace(workspace, to.workspace);
        }
    }

    /** A call to make: method, path and body (null: none). */
    private record Call(String method, String path, String body) {

        ApiClient.Response send(ApiClient client) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            return client.send(client.request(path).method(method, publisher));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private enum Expect { NOT_FOUND_FOR_OTHERS, OPEN_TO_ALL }

    private record Example(Expect expect, Function<Target, Call> call) {
    }

    private static final IngestTestServer server = IngestTestServer.shared();
    private static final ApiClient admin = server.api();
    private static final Map<String, Example> EXAMPLES = examples();
    private static Workspace a;
    private static Workspace b;
    private static Target ghost;

    /** A workspace with a webhook, an attempt at an event, a dead letter and a token with every permission. */
    private record Workspace(Target target, IssuedToken token) {

        String id() {
            return target.workspace();
        }

        String webhook() {
            return target.webhook();
        }

        ApiClient client() {
            return server.api(token.secret());
        }
    }

    @BeforeAll
    static void createTwoWorkspaces() {
        a = workspace("ws_a_");
        b = workspace("ws_b_");
        ghost = new Target("ws_ghost_" + UNIQUE, "webhook_ghost_" + UNIQUE, "evt_ghost_" + UNIQUE, "tok_ghost_" + UNIQUE);
    }

    @Test
    void shouldHaveAnAccessRuleAndAnExampleForEveryRoute() {
        assertThat(server.apiRoutes()).as("routes listed by the router").contains("GET /v1/webhooks/{id}");
        assertThat(server.apiRoutesWithoutRule()).as("routes without an access rule").isEmpty();
        assertThat(server.apiRoutes()).as("routes without an example in this test").allMatch(EXAMPLES::containsKey);
    }

    @Test
    void shouldAnswerATokenOfAnotherWorkspaceAsIfNothingOfThisWorkspaceExisted() {
        ApiClient other = b.client();
        JsonNode before = admin.get("/v1/webhooks/" + a.webhook()).json();
        SoftAssertions softly = new SoftAssertions();
        for (String route : destructiveLast(server.apiRoutes())) {
            Example example = EXAMPLES.get(route);
            Call call = example.call().apply(a.target());
            ApiClient.Response answer = call.send(other);
            if (example.expect() == Expect.OPEN_TO_ALL) {
                softly.assertThat(answer.status()).as(call + " " + answer.body()).isEqualTo(200);
                softly.assertThat(answer.body()).as(call.toString()).doesNotContain(a.id()).doesNotContain(a.webhook());
                continue;
            }
            ApiClient.Response ghostAnswer = example.call().apply(ghost).send(other);
            softly.assertThat(answer.status()).as(call + " " + answer.body()).isEqualTo(404);
            softly.assertThat(answer.body()).as(call + ": the same answer as for ids that never existed")
                    .isEqualTo(ghost.swap(ghostAnswer.body(), a.target()));
        }
        softly.assertAll();

        assertThat(admin.get("/v1/webhooks/" + a.webhook()).json()).as("untouched").isEqualTo(before);
        assertThat(a.client().get("/v1/whoami").status()).as("not revoked").isEqualTo(200);
        assertThat(admin.get("/v1/webhooks?workspaceId=" + a.id()).json().get("data")).as("none created").hasSize(1);
        assertThat(admin.get("/v1/dead-letters?workspaceId=" + a.id()).json().at("/data/0/replayedAt").isNull())
                .as("not replayed").isTrue();
    }

    @Test
    void shouldServeTheWorkspacesOwnTokenOnItsRoutesAndNoAdminRoute() {
        Workspace mine = workspace("ws_c_");
        SoftAssertions softly = new SoftAssertions();
        for (String route : destructiveLast(server.apiRoutes())) {
            Call call = EXAMPLES.get(route).call().apply(mine.target());
            ApiClient.Response answer = call.send(mine.client());
            if (isAdminOnly(route)) {
                softly.assertThat(answer.status()).as(call + " is the admin's").isEqualTo(404);
            } else {
                softly.assertThat(answer.status()).as(call + " " + answer.body()).isBetween(200, 299);
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldRefuseAPermissionTheTokenLacksInItsOwnWorkspaceWith403() {
        ApiClient reader = server.api(server.issueToken(a.id(), "read").secret());
        ApiClient manager = server.api(server.issueToken(a.id(), "manage_webhooks").secret());

        ApiClient.Response edit = reader.post("/v1/webhooks/" + a.webhook() + "/rotate-secret", "{}");
        ApiClient.Response replay = manager.post("/v1/dead-letters/replay",
                "{\"workspaceId\": \"" + a.id() + "\", \"dryRun\": true}");

        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.json().get("error").textValue()).isEqualTo("forbidden");
        assertThat(edit.json().get("detail").textValue()).contains("'manage_webhooks'");
        assertThat(replay.status()).isEqualTo(403);
        assertThat(reader.get("/v1/webhooks/" + a.webhook()).status()).isEqualTo(200);
        assertThat(manager.get("/v1/webhooks/" + a.webhook()).status()).as("managing implies reading").isEqualTo(200);
        assertThat(reader.get("/v1/webhooks/" + a.webhook() + "/secret").status()).isEqualTo(403);
    }

    @Test
    void shouldShowAWorkspaceTokenItsOwnDeadLettersOnlyAndAskForTheWorkspace() {
        JsonNode listed = a.client().get("/v1/dead-letters?workspaceId=" + a.id()).json();
        JsonNode counted = a.client().post("/v1/dead-letters/replay", "{\"workspaceId\": \"" + a.id()
                + "\", \"dryRun\": true}").json();
        ApiClient.Response unnamed = a.client().get("/v1/dead-letters");

        assertThat(listed.get("data")).extracting(entry -> entry.get("webhookId").textValue()).containsOnly(a.webhook());
        assertThat(counted.get("matched").intValue()).isEqualTo(1);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json().get("detail").textValue()).contains("workspaceId");
    }

    @Test
    void shouldLetAWorkspaceTokenSendTheExampleOfEveryTypeToItsOwnWebhookOnly() {
        List<String> types = new ArrayList<>(List.of("webhook.test"));
        a.client().get("/v1/event-types").json().get("data").forEach(type -> types.add(type.get("type").textValue()));
        SoftAssertions softly = new SoftAssertions();
        for (String type : types) {
            String body = Json.toString(Map.of("event", type));
            ApiClient.Response own = a.client().post("/v1/webhooks/" + a.webhook() + "/test", body);
            ApiClient.Response foreign = a.client().post("/v1/webhooks/" + b.webhook() + "/test", body);
            softly.assertThat(own.status()).as(type + " to its own webhook: " + own.body()).isEqualTo(202);
            softly.assertThat(foreign.status()).as(type + " to another workspace's: " + foreign.body()).isEqualTo(404);
        }
        softly.assertAll();
        assertThat(types).as("webhook.test and the 11 domain types").hasSize(12);
    }

    @Test
    void shouldNotLetAWorkspaceTokenMoveItsWebhookIntoAnotherWorkspace() {
        JsonNode before = admin.get("/v1/webhooks/" + b.webhook()).json();

        ApiClient.Response moved = b.client().put("/v1/webhooks/" + b.webhook(), webhookBody(a.id()));

        assertThat(moved.status()).isEqualTo(404);
        assertThat(admin.get("/v1/webhooks/" + b.webhook()).json()).isEqualTo(before);
    }

    private static Workspace workspace(String prefix) {
        String workspace = prefix + UNIQUE;
        String webhook = createWebhook(workspace);
        String event = "evt_" + prefix + UNIQUE;
        writeAttempt(webhook, workspace, event);
        try (DeadLetterFixtures deadLetters = new DeadLetterFixtures()) {
            deadLetters.write(webhook, workspace, "task.created", "retries_exhausted", Instant.now());
        }
        IssuedToken token = server.issueToken(workspace, "read", "manage_webhooks", "replay");
        await().atMost(WAIT).until(() -> admin.get("/v1/events/" + event + "/attempts").json().get("data").size() == 1);
        return new Workspace(new Target(workspace, webhook, event, token.id()), token);
    }

    private static boolean isAdminOnly(String route) {
        return route.contains("/v1/tokens") || route.endsWith(" /v1/overview") || route.startsWith("POST /v1/events");
    }

    /** Deletions and revocations last, so that the calls before them find what they name. */
    private static List<String> destructiveLast(List<String> routes) {
        List<String> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparing(route -> route.startsWith("DELETE")));
        return ordered;
    }

    private static Map<String, Example> examples() {
        Map<String, Example> examples = new LinkedHashMap<>();
        Expect foreign = Expect.NOT_FOUND_FOR_OTHERS;
        examples.put("POST /v1/events", new Example(foreign, t -> new Call("POST", "/v1/events", event(t))));
        examples.put("POST /v1/events/batch", new Example(foreign, t -> new Call("POST", "/v1/events/batch",
                "[" + event(t) + "]")));
        examples.put("GET /v1/events/{id}/attempts", new Example(foreign, t -> get("/v1/events/" + t.event() + "/attempts")));
        examples.put("GET /v1/event-types", new Example(Expect.OPEN_TO_ALL, t -> get("/v1/event-types")));
        examples.put("GET /v1/whoami", new Example(Expect.OPEN_TO_ALL, t -> get("/v1/whoami")));
        examples.put("GET /v1/openapi.json", new Example(Expect.OPEN_TO_ALL, t -> get("/v1/openapi.json")));
        examples.put("POST /v1/webhooks", new Example(foreign, t -> new Call("POST", "/v1/webhooks",
                webhookBody(t.workspace()))));
        examples.put("GET /v1/webhooks", new Example(foreign, t -> get("/v1/webhooks?workspaceId=" + t.workspace())));
        examples.put("GET /v1/webhooks/{id}", new Example(foreign, t -> get("/v1/webhooks/" + t.webhook())));
        examples.put("PUT /v1/webhooks/{id}", new Example(foreign, t -> new Call("PUT", "/v1/webhooks/" + t.webhook(),
                webhookBody(t.workspace()))));
        examples.put("DELETE /v1/webhooks/{id}", new Example(foreign, t -> new Call("DELETE",
                "/v1/webhooks/" + t.webhook(), null)));
        for (String action : List.of("secret", "headers", "attempts", "stats")) {
            examples.put("GET /v1/webhooks/{id}/" + action, new Example(foreign, t -> get("/v1/webhooks/" + t.webhook()
                    + "/" + action)));
        }
        for (String action : List.of("rotate-secret", "test")) {
            examples.put("POST /v1/webhooks/{id}/" + action, new Example(foreign, t -> new Call("POST",
                    "/v1/webhooks/" + t.webhook() + "/" + action, null)));
        }
        examples.put("GET /v1/dead-letters", new Example(foreign, t -> get("/v1/dead-letters?workspaceId="
                + t.workspace())));
        examples.put("POST /v1/dead-letters/replay", new Example(foreign, t -> new Call("POST", "/v1/dead-letters/replay",
                "{\"workspaceId\": \"" + t.workspace() + "\"}")));
        examples.put("GET /v1/operational-events", new Example(foreign, t -> get("/v1/operational-events?webhookId="
                + t.webhook())));
        examples.put("GET /v1/overview", new Example(foreign, t -> get("/v1/overview")));
        examples.put("POST /v1/tokens", new Example(foreign, t -> new Call("POST", "/v1/tokens", Json.toString(Map.of(
                "name", "more", "workspaceId", t.workspace(), "permissions", List.of("read"))))));
        examples.put("GET /v1/tokens", new Example(foreign, t -> get("/v1/tokens?workspaceId=" + t.workspace())));
        examples.put("GET /v1/tokens/{id}", new Example(foreign, t -> get("/v1/tokens/" + t.token())));
        examples.put("DELETE /v1/tokens/{id}", new Example(foreign, t -> new Call("DELETE", "/v1/tokens/" + t.token(),
                null)));
        // A HEAD is its GET without a body, under the same rule: every one is tried as well.
        new ArrayList<>(examples.entrySet()).stream().filter(example -> example.getKey().startsWith("GET "))
                .forEach(example -> examples.put("HEAD" + example.getKey().substring(3), new Example(
                        example.getValue().expect(), t -> head(example.getValue().call().apply(t)))));
        return examples;
    }

    private static Call head(Call get) {
        return new Call("HEAD", get.path(), null);
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static String event(Target target) {
        return Json.toString(Map.of("event", "task.created", "workspaceId", target.workspace(), "data",
                Map.of("id", "task_1")));
    }

    private static String webhookBody(String workspace) {
        return Json.toString(Map.of("workspaceId", workspace, "url", "https://example.com/hooks",
                "events", List.of("task.*")));
    }

    private static String createWebhook(String workspace) {
        ApiClient.Response created = admin.post("/v1/webhooks", webhookBody(workspace));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private static void writeAttempt(String webhook, String workspace, String event) {
        JsonSerde<DeliveryAttempt> serde = new JsonSerde<>(DeliveryAttempt.class);
        DeliveryAttempt attempt = new DeliveryAttempt(webhook, workspace, event, "task.created", 1, Instant.now(),
                DeliveryAttempt.FAILED, 503, "HTTP 503", 12, "busy", 0, null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(server.config(),
                "isolation-it"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_ATTEMPTS, webhook, serde.serialize(Topics.DELIVERY_ATTEMPTS,
                    attempt)));
        }
    }
}
