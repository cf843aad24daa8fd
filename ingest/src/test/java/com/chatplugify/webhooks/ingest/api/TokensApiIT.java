package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Issuing, listing and revoking workspace tokens through /v1/tokens, and what a token says of itself. */
class TokensApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final IngestTestServer server = IngestTestServer.shared();
    private final ApiClient admin = server.api();
    private final String workspace = "ws_tokens_" + UUID.randomUUID();

    @Test
    void shouldShowTheSecretOnceAndStoreOnlyItsHash() {
        ApiClient.Response issued = admin.post("/v1/tokens", Json.toString(Map.of("name", "CRM team",
                "workspaceId", workspace, "permissions", List.of("manage_webhooks", "read"))));

        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).as("the secret is kept by no cache").contains("no-store");
        JsonNode token = issued.json();
        String secret = token.get("token").textValue();
        String id = token.get("id").textValue();
        assertThat(secret).startsWith("cpws_").hasSizeGreaterThan(40);
        assertThat(id).startsWith("tok_");
        assertThat(token.get("permissions")).extracting(JsonNode::textValue).containsExactly("read", "manage_webhooks");
        assertThat(token.get("hint").textValue()).isEqualTo(secret.substring(secret.length() - 4));
        assertThat(token.get("lastUsedAt").isNull()).isTrue();
        assertThat(token.get("expiresAt").isNull()).isTrue();

        JsonNode listed = admin.get("/v1/tokens?workspaceId=" + workspace).json().get("data");
        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.get("id").textValue()).isEqualTo(id);
            assertThat(entry.has("token")).as("the secret is shown once").isFalse();
        });
        assertThat(admin.get("/v1/tokens/" + id).json().has("token")).isFalse();
        List<ConsumerRecord<String, byte[]>> stored = TopicRecords.readToEnd(Topics.API_TOKENS,
                record -> record.key().startsWith(id));
        assertThat(stored).isNotEmpty().allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .doesNotContain(secret).doesNotContain(secret.substring(5)));
    }

    @Test
    void shouldSayWhoTheCallerIs() {
        IngestTestServer.IssuedToken token = server.issueToken(workspace, "read");

        JsonNode member = server.api(token.secret()).get("/v1/whoami").json();
        JsonNode root = admin.get("/v1/whoami").json();

        assertThat(member.get("kind").textValue()).isEqualTo("workspace");
        assertThat(member.get("workspaceId").textValue()).isEqualTo(workspace);
        assertThat(member.get("permissions")).extracting(JsonNode::textValue).containsExactly("read");
        assertThat(member.at("/token/id").textValue()).isEqualTo(token.id());
        assertThat(root.get("kind").textValue()).isEqualTo("admin");
        assertThat(root.get("permissions")).extracting(JsonNode::textValue)
                .containsExactly("read", "manage_webhooks", "replay");
    }

    @Test
    void shouldRefuseARevokedTokenAtOnceOnTheInstanceThatRevokedIt() {
        IngestTestServer.IssuedToken token = server.issueToken(workspace, "read");
        ApiClient holder = server.api(token.secret());
        assertThat(holder.get("/v1/webhooks?workspaceId=" + workspace).status()).isEqualTo(200);

        ApiClient.Response revoked = admin.delete("/v1/tokens/" + token.id());

        assertThat(revoked.status()).isEqualTo(204);
        ApiClient.Response refused = holder.get("/v1/webhooks?workspaceId=" + workspace);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer");
        assertThat(admin.get("/v1/tokens/" + token.id()).status()).isEqualTo(404);
        assertThat(admin.delete("/v1/tokens/" + token.id()).status()).isEqualTo(404);
    }

    @Test
    void shouldRecordWhenATokenWasLastUsed() {
        IngestTestServer.IssuedToken token = server.issueToken(workspace, "read");
        Instant before = Instant.now().minusSeconds(1);

        server.api(token.secret()).get("/v1/whoami");

        JsonNode lastUsed = await().atMost(WAIT).until(() -> admin.get("/v1/tokens/" + token.id()).json().get("lastUsedAt"),
                value -> !value.isNull());
        assertThat(Instant.parse(lastUsed.textValue())).isAfter(before);
    }

    @Test
    void shouldRefuseATokenOnceItHasExpired() {
        String expiresAt = Instant.now().plusSeconds(2).toString();
        ApiClient.Response issued = admin.post("/v1/tokens", Json.toString(Map.of("name", "short-lived",
                "workspaceId", workspace, "permissions", List.of("read"), "expiresAt", expiresAt)));
        ApiClient holder = server.api(issued.json().get("token").textValue());
        assertThat(holder.get("/v1/whoami").status()).isEqualTo(200);

        ApiClient.Response refused = await().atMost(WAIT).until(() -> holder.get("/v1/whoami"),
                response -> response.status() != 200);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").textValue()).contains("expired");
        assertThat(admin.get("/v1/tokens/" + issued.json().get("id").textValue()).json().get("expired").booleanValue())
                .isTrue();
    }

    @Test
    void shouldRefuseABadTokenRequestNamingEveryProblem() {
        ApiClient.Response refused = admin.post("/v1/tokens", Json.toString(Map.of("name", " ",
                "workspaceId", "has space", "permissions", List.of("read", "admin", "read"),
                "expiresAt", "2001-01-01T00:00:00Z", "scope", "all")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").textValue()).isEqualTo("invalid_token");
        assertThat(refused.json().get("detail")).extracting(v -> v.get("field").textValue())
                .containsExactlyInAnyOrder("scope", "name", "workspaceId", "permissions", "permissions", "expiresAt");
        assertThat(admin.post("/v1/tokens", "{\"name\": \"x\", \"workspaceId\": \"ws\"}").json().at("/detail/0/field")
                .textValue()).isEqualTo("permissions");
        assertThat(admin.get("/v1/tokens?workspaceId=has%20space").json().get("data")).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownOrMalformedToken() {
        assertThat(server.api("cpws_notatoken").get("/v1/whoami").status()).isEqualTo(401);
        assertThat(server.api("something-else").get("/v1/whoami").status()).isEqualTo(401);
        assertThat(server.api("").get("/v1/whoami").status()).isEqualTo(401);
    }
}
