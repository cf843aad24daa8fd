package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What any /v1 call answers to requests that go wrong before our handlers run, or that Javalin refuses itself. */
class ApiProtocolIT {

    private final IngestTestServer server = IngestTestServer.shared();
    private final ApiClient api = server.api();

    @Test
    void shouldAnswer401WithoutTheRightBearerToken() {
        ApiClient.Response none = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/webhooks?workspaceId=ws")).GET());
        ApiClient.Response wrong = OpenApiContract.checkedClient(api.baseUrl(), "test-tokem")
                .get("/v1/webhooks?workspaceId=ws");
        ApiClient.Response basic = api.send(api.request("/v1/events").setHeader("Authorization", "Basic dGVzdDp0ZXN0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(java.util.List.of(none, wrong, basic)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.error()).isEqualTo("unauthorized");
            assertThat(response.header("WWW-Authenticate")).contains("Bearer");
        });
    }

    @Test
    void shouldAnswerAnUnknownRouteWithAJson404() {
        ApiClient.Response response = api.get("/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("not_found");
    }

    @Test
    void shouldAnswerAWrongMethodWithAJson405() {
        ApiClient.Response response = api.delete("/v1/events");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldAnswerHeadOnAGetRouteAsTheGetWithoutABody() {
        String workspace = "ws_head_" + System.nanoTime();
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(java.util.Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", java.util.List.of("*"))));
        String id = created.json().get("id").textValue();

        for (String path : java.util.List.of("/v1/webhooks/" + id, "/v1/webhooks?workspaceId=" + workspace,
                "/v1/webhooks/" + id + "/secret", "/v1/event-types", "/v1/openapi.json", "/v1/whoami", "/v1/tokens")) {
            ApiClient.Response get = api.get(path);
            ApiClient.Response head = head(api, path);

            assertThat(head.status()).as("HEAD %s", path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.body()).as("HEAD %s", path).isEmpty();
            assertThat(head.header("Content-Type")).as("HEAD %s", path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("ETag")).as("HEAD %s", path).isEqualTo(get.header("ETag"));
            assertThat(head.header("Cache-Control")).as("HEAD %s", path).isEqualTo(get.header("Cache-Control"));
        }
    }

    @Test
    void shouldHoldHeadToTheAccessRulesOfItsGet() {
        String workspace = "ws_head_token_" + System.nanoTime();
        ApiClient reader = server.api(server.issueToken(workspace, "read").secret());

        assertThat(head(reader, "/v1/webhooks?workspaceId=" + workspace).status()).isEqualTo(200);
        assertThat(head(reader, "/v1/webhooks?workspaceId=ws_someone_else").status()).isEqualTo(404);
        assertThat(head(reader, "/v1/tokens").status()).isEqualTo(404);
        assertThat(head(reader, "/v1/event-types").status()).isEqualTo(200);
        assertThat(head(OpenApiContract.checkedClient(api.baseUrl(), ""), "/v1/event-types").status()).isEqualTo(401);
    }

    @Test
    void shouldNameTheAllowedMethodsOfARouteInA405() {
        ApiClient.Response response = api.send(api.request("/v1/webhooks/wh_any")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("method_not_allowed");
        assertThat(response.header("Allow")).hasValueSatisfying(allow -> assertThat(allow.split(",\\s*"))
                .containsExactlyInAnyOrder("GET", "HEAD", "PUT", "DELETE"));
        assertThat(response.json().get("detail").isTextual()).as(response.body()).isTrue();
        assertThat(response.json().get("detail").textValue()).contains("PATCH", "GET, ");
    }

    private static ApiClient.Response head(ApiClient client, String path) {
        return client.send(client.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/webhooks?workspaceId=ws_q&workspaceID=ws_other", "/v1/dead-letters?webhookID=wh_nothing",
        "/v1/webhooks/wh_q/attempts?outcom=failed", "/v1/operational-events?workspaceId=ws_q&webhookID=wh_q",
        "/v1/overview?limt=5", "/v1/tokens?workspace=ws_q", "/v1/event-types?family=task"})
    void shouldRefuseAQueryParameterTheRouteDoesNotTakeNamingIt(String path) {
        String unknown = path.substring(path.lastIndexOf('?') + 1).replaceAll(".*&", "").split("=")[0];

        ApiClient.Response refused = api.get(path);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_parameter");
        assertThat(refused.json().at("/detail/0/field").textValue()).isEqualTo(unknown);
        assertThat(refused.json().at("/detail/0/reason").textValue()).isEqualTo("unknown_field");
    }

    @Test
    void shouldRefuseAQueryParameterGivenTwice() {
        ApiClient.Response refused = api.get("/v1/dead-letters?webhookId=wh_a&webhookId=wh_b");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_parameter");
        assertThat(refused.json().at("/detail/0/field").textValue()).isEqualTo("webhookId");
    }

    @Test
    void shouldRefuseAFormBodyWith415() {
        ApiClient.Response response = api.send(api.request("/v1/events")
                .setHeader("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("event=task.created")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error()).isEqualTo("unsupported_media_type");
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWith413() {
        byte[] body = ("{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{\"blob\":\"" + "x".repeat(300 * 1024)
                + "\"}}").getBytes(StandardCharsets.UTF_8);
        // A stream of unknown length is sent chunked, without Content-Length.
        ApiClient.Response response = api.send(api.request("/v1/events").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.error()).isEqualTo("too_large");
    }

    @Test
    void shouldRefuseABodyOverTheServerLimitWith413() throws IOException {
        String answer = raw("POST /v1/events/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + IngestTestServer.API_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n"
                + "Connection: close\r\n\r\n[");

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(json(answer).get("error").textValue()).isEqualTo("too_large");
    }

    @Test
    void shouldAnswerABadlyEncodedQueryWithoutAServerError() throws IOException {
        String answer = raw("GET /v1/webhooks?workspaceId=%zz%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + IngestTestServer.API_TOKEN + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).matches("(?s)HTTP/1.1 [24]\\d\\d .*");
        assertThat(json(answer).isObject()).isTrue();
    }

    @Test
    void shouldRefuseDeeplyNestedJsonAsNotJson() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        ApiClient.Response response = api.post("/v1/events", "{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{\"x\":"
                + deep + "}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("not_json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/events", "/v1/events/batch", "/v1/webhooks", "/v1/dead-letters/replay", "/v1/tokens"})
    void shouldRefuseABodyWithAFieldTwiceOrMoreAfterItsValueAsNotJson(String path) {
        ApiClient.Response twice = api.post(path, "{\"workspaceId\":\"ws\",\"workspaceId\":\"ws_other\"}");
        ApiClient.Response trailing = api.post(path, "{\"dryRun\":true} {\"webhookId\":\"x\"}");

        assertThat(twice.status()).as(twice.body()).isEqualTo(400);
        assertThat(twice.error()).isEqualTo("not_json");
        assertThat(twice.json().get("detail").asText()).contains("workspaceId");
        assertThat(trailing.status()).as(trailing.body()).isEqualTo(400);
        assertThat(trailing.error()).isEqualTo("not_json");
        assertThat(trailing.json().get("detail").asText()).contains("after");
    }

    private String raw(String request) throws IOException {
        URI base = URI.create(api.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(String httpAnswer) throws IOException {
        return Json.mapper().readTree(httpAnswer.substring(httpAnswer.indexOf("\r\n\r\n") + 4));
    }
}
