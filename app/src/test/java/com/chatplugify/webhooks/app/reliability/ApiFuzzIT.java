package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random and mutated JSON, oversized, malformed and deeply nested bodies against every call of the /v1 API of the
 * shared test system: every answer is a 2xx, or a 4xx with the JSON error shape; never a 5xx; the process stays
 * healthy. Webhooks it creates point at a closed port on 127.0.0.1, and its events name workspaces no webhook has.
 */
class ApiFuzzIT {

    private static final Logger log = LoggerFactory.getLogger(ApiFuzzIT.class);
    private static final int REQUESTS_PER_CALL = 30;
    /** Not an answer-time budget (a replay may scan for a while on a busy machine): only what counts as no answer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> PARAMETERS = List.of("webhookId", "event", "reason", "from", "to", "limit",
            "cursor", "workspaceId", "dryRun", "x");

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final JsonFuzzer fuzzer = new JsonFuzzer(random);
    /** HTTP/1.1, as the API speaks it: no h2c upgrade offered on every new connection. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl = TestSystem.shared().baseUrl();
    private final String hookWorkspace = "ws_fuzz_hooks_" + UUID.randomUUID();
    private final String eventWorkspace = "ws_fuzz_events_" + UUID.randomUUID();
    /** Nothing listens there: deliveries to the fuzzer's webhooks fail at once, on this machine. */
    private final String closedUrl = "http://127.0.0.1:" + LoopbackPorts.unused() + "/fuzz";
    private final Map<String, Integer> statuses = new TreeMap<>();

    @Test
    void shouldAnswerEveryRandomOrMutatedBodyWithA2xxOrA4xxInTheErrorShape() {
        log.info("API fuzzing with random seed {}", seed);
        String webhook = create(validWebhook()).get("id").textValue();
        ObjectNode event = validEvent();
        JsonNode batch = Json.mapper().createArrayNode().add(validEvent()).add(validEvent());
        SoftAssertions softly = new SoftAssertions();

        fuzz(softly, "POST /v1/events", () -> "/v1/events", () -> body(event));
        fuzz(softly, "POST /v1/events/batch", () -> "/v1/events/batch", () -> body(batch));
        fuzz(softly, "POST /v1/webhooks", () -> "/v1/webhooks", () -> body(validWebhook()));
        fuzz(softly, "PUT /v1/webhooks/{id}", () -> "/v1/webhooks/" + webhook, () -> body(validWebhook()));
        fuzz(softly, "PUT /v1/webhooks/{unknown}", () -> "/v1/webhooks/" + encode(randomId()), () -> body(validWebhook()));
        fuzz(softly, "GET /v1/webhooks/{unknown}", () -> "/v1/webhooks/" + encode(randomId()), () -> null);
        fuzz(softly, "GET /v1/webhooks?...", () -> "/v1/webhooks?" + randomQuery(), () -> null);
        fuzz(softly, "POST /v1/webhooks/{id}/rotate-secret", () -> "/v1/webhooks/" + webhook + "/rotate-secret",
                () -> body(Json.mapper().createObjectNode().put("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        fuzz(softly, "POST /v1/webhooks/{id}/test", () -> "/v1/webhooks/" + webhook + "/test", () -> fuzzer.bytes(fuzzer.value(3)));
        fuzz(softly, "GET /v1/dead-letters?...", () -> "/v1/dead-letters?" + randomQuery(), () -> null);
        fuzz(softly, "POST /v1/dead-letters/replay", () -> "/v1/dead-letters/replay", () -> replayBody(webhook));
        fuzz(softly, "GET /v1/operational-events?...", () -> "/v1/operational-events?" + randomQuery(), () -> null);

        log.info("API fuzzing answers by call and status: {}", statuses);
        softly.assertAll();
        assertHealthy();
    }

    @Test
    void shouldAnswerOversizedMalformedAndDeepBodiesWith4xx() {
        byte[] nestedTooDeep = JsonFuzzer.utf8("{\"event\":\"task.created\",\"workspaceId\":\"" + eventWorkspace
                + "\",\"data\":{\"a\":" + "[".repeat(990) + "]".repeat(990) + "}}");
        byte[] nestedPastParser = JsonFuzzer.utf8("[".repeat(5_000) + "]".repeat(5_000));
        byte[] invalidUtf8 = {'{', '"', 'e', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        String thousandAndOne = "[" + String.join(",", Collections.nCopies(1001, validEvent().toString())) + "]";

        // Bodies declared longer than 1 MiB are refused before any of them is read, and a client still sending one
        // may read a reset instead of the 413: BatchBodyLimitIT checks those on a socket that stops sending.
        assertRefused(send("POST", "/v1/events", new byte[1024 * 1024], "application/json", true), 413, "too_large");
        assertRefused(send("POST", "/v1/events", new byte[1024 * 1024], "application/json", false), 413, "too_large");
        assertRefused(send("POST", "/v1/events/batch", JsonFuzzer.utf8(thousandAndOne), "application/json", true), 400, "too_many_events");
        assertRefused(send("POST", "/v1/webhooks", new byte[100 * 1024], "application/json", true), 413, "too_large");
        assertRefused(send("POST", "/v1/events", nestedTooDeep, "application/json", true), 400, "invalid_event");
        assertRefused(send("POST", "/v1/events", nestedPastParser, "application/json", true), 400, "not_json");
        assertRefused(send("POST", "/v1/webhooks", nestedPastParser, "application/json", true), 400, "not_json");
        assertRefused(send("POST", "/v1/events", invalidUtf8, "application/json", true), 400, "not_json");
        assertRefused(send("POST", "/v1/events", JsonFuzzer.utf8("{}"), "text/plain", true), 415, "unsupported_media_type");
        assertRefused(send("DELETE", "/v1/events", null, null, true), 405, "method_not_allowed");
        assertRefused(send("GET", "/v1/nowhere", null, null, true), 404, "not_found");
        assertRefused(send("GET", "/v1/webhooks/" + encode("\u0000"), null, null, true), 400, "bad_request");
        HttpResponse<String> anonymous = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertRefused(anonymous, 401, "unauthorized");
        assertHealthy();
    }

    private void fuzz(SoftAssertions softly, String call, Supplier<String> path, Supplier<byte[]> body) {
        String method = call.substring(0, call.indexOf(' '));
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS_PER_CALL; i++) {
            String target = path.get();
            byte[] content = body.get();
            HttpResponse<String> response = send(method, target, content, "application/json", random.nextBoolean());
            statuses.merge(call + " " + response.statusCode(), 1, Integer::sum);
            softly.assertThat(response.statusCode()).as("%s %s with %s -> %s", method, target, abbreviate(content),
                    response.body()).isBetween(200, 499);
            if (response.statusCode() >= 400) {
                softly.assertThat(errorShape(response.body())).as("%s %s -> %s", method, target, response.body()).isTrue();
            }
        }
        log.info("{}: {} requests in {} ms", call, REQUESTS_PER_CALL, (System.nanoTime() - started) / 1_000_000);
    }

    private byte[] body(JsonNode valid) {
        return fuzzer.bytes(random.nextInt(5) == 0 ? fuzzer.value(4) : fuzzer.mutate(valid));
    }

    /** A mutated replay request, always limited to the fuzzer's webhook: other tests' dead letters stay put. */
    private byte[] replayBody(String webhook) {
        ObjectNode valid = Json.mapper().createObjectNode().put("webhookId", webhook).put("event", "task.*")
                .put("from", "2024-01-01T00:00:00Z").put("dryRun", random.nextBoolean()).put("limit", 10);
        JsonNode mutated = fuzzer.mutate(valid);
        if (mutated.isObject()) {
            ((ObjectNode) mutated).put("webhookId", webhook);
        }
        return Json.toBytes(mutated);
    }

    private ObjectNode validEvent() {
        ObjectNode event = Json.mapper().createObjectNode().put("event", "task.created").put("workspaceId", eventWorkspace);
        event.putObject("data").put("id", "task_1").put("title", "fuzz");
        return event;
    }

    private ObjectNode validWebhook() {
        ObjectNode webhook = Json.mapper().createObjectNode().put("workspaceId", hookWorkspace).put("url", closedUrl)
                .put("description", "fuzz").put("enabled", false).put("rateLimitPerSecond", 5);
        webhook.putArray("events").add("task.*");
        webhook.putObject("headers").put("X-Fuzz", "1");
        return webhook;
    }

    private JsonNode create(JsonNode webhook) {
        HttpResponse<String> created = send("POST", "/v1/webhooks", Json.toBytes(webhook), "application/json", true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return parse(created.body());
    }

    private String randomQuery() {
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            query.append(query.length() == 0 ? "" : "&").append(PARAMETERS.get(random.nextInt(PARAMETERS.size())))
                    .append('=').append(encode(fuzzer.value(0).asText()));
        }
        return query.toString();
    }

    private String randomId() {
        return random.nextBoolean() ? "webhook_" + UUID.randomUUID() : fuzzer.value(0).asText();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType, boolean withLength) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : withLength
                ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + TestSystem.API_TOKEN)
                .method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertHealthy() {
        HttpResponse<String> health = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        HttpResponse<String> ready = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/ready")).build());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(errorShape(response.body())).as(response.body()).isTrue();
        assertThat(parse(response.body()).get("error").textValue()).isEqualTo(error);
    }

    private static boolean errorShape(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            return json != null && json.path("error").isTextual() && json.has("detail");
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(byte[] body) {
        if (body == null) {
            return "no body";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + body.length + " bytes)";
    }
}
