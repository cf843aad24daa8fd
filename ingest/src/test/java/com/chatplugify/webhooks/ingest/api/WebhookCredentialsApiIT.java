package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientAuthentication;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Authority;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Issued;
import com.chatplugify.webhooks.testing.tls.TestCertificates.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A webhook's client certificate (mutual TLS) and OAuth 2.0 client credentials through the API: validated with the
 * field named, never shown, kept when sent back masked, and stored as given.
 */
class WebhookCredentialsApiIT {

    private static final Authority AUTHORITY = TestCertificates.authority("Webhooks client CA");
    private static final Issued CLIENT = AUTHORITY.client("chatplugify-client", KeyKind.EC);
    private static final String CLIENT_SECRET = "oauth-secret-" + UUID.randomUUID();
    private static final String TOKEN_URL = "https://auth.example.com/oauth2/token";

    private final ApiClient api = IngestTestServer.shared().api();
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void shouldStoreTheCredentialsAndNeverShowTheKeyTheCertificateOrTheClientSecret() {
        ApiClient.Response created = api.post("/v1/webhooks", body(Map.of()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").textValue();
        for (ApiClient.Response shown : List.of(created, api.get("/v1/webhooks/" + id),
                api.get("/v1/webhooks?workspaceId=" + workspace))) {
            assertThat(shown.body()).doesNotContain("BEGIN").doesNotContain(CLIENT_SECRET);
        }
        JsonNode read = api.get("/v1/webhooks/" + id).json();
        assertThat(read.get("clientCertificate")).isEqualTo(Json.mapper().valueToTree(
                Map.of("certificate", "********", "privateKey", "********")));
        assertThat(read.get("oauth2").get("tokenUrl").textValue()).isEqualTo(TOKEN_URL);
        assertThat(read.get("oauth2").get("clientId").textValue()).isEqualTo("client-1");
        assertThat(read.get("oauth2").get("clientSecret").textValue()).isEqualTo("********");
        assertThat(read.get("oauth2").get("scope").textValue()).isEqualTo("webhooks:receive");
        assertThat(read.get("oauth2").get("clientAuthentication").textValue()).isEqualTo("client_secret_basic");
        Subscription stored = stored(id, 1);
        assertThat(stored.clientCertificate()).isEqualTo(CLIENT.as(ClientCertificate::new));
        assertThat(stored.oauth2()).isEqualTo(new OAuth2ClientCredentials(TOKEN_URL, "client-1", CLIENT_SECRET,
                "webhooks:receive", OAuth2ClientAuthentication.CLIENT_SECRET_BASIC));
    }

    @Test
    void shouldKeepWhatIsSentBackMasked() {
        String id = api.post("/v1/webhooks", body(Map.of())).json().get("id").textValue();
        Map<String, Object> edited = readBack(id);
        edited.put("description", "edited with the masked credentials sent back");

        ApiClient.Response replaced = api.put("/v1/webhooks/" + id, Json.toString(edited));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        Subscription stored = stored(id, 2);
        assertThat(stored.description()).isEqualTo("edited with the masked credentials sent back");
        assertThat(stored.clientCertificate()).isEqualTo(CLIENT.as(ClientCertificate::new));
        assertThat(stored.oauth2().clientSecret()).isEqualTo(CLIENT_SECRET);
    }

    @Test
    void shouldTakeARenewedCertificateWhoseKeyIsKept() {
        String id = api.post("/v1/webhooks", body(Map.of())).json().get("id").textValue();
        Issued renewed = AUTHORITY.renew(CLIENT, "chatplugify-client-renewed");

        ApiClient.Response replaced = api.put("/v1/webhooks/" + id, body(Map.of("clientCertificate",
                Map.of("certificate", renewed.certificatePem(), "privateKey", "********"))));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(stored(id, 2).clientCertificate())
                .isEqualTo(new ClientCertificate(renewed.certificatePem(), CLIENT.privateKeyPem()));
    }

    @Test
    void shouldRefuseANewCertificateThatTheKeptKeyDoesNotFit() {
        String id = api.post("/v1/webhooks", body(Map.of())).json().get("id").textValue();
        Issued other = AUTHORITY.client("someone-else", KeyKind.EC);

        ApiClient.Response refused = api.put("/v1/webhooks/" + id, body(Map.of("clientCertificate",
                Map.of("certificate", other.certificatePem(), "privateKey", "********"))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("clientCertificate.privateKey");
        assertThat(refused.body()).contains("is not the private key of the certificate").doesNotContain("BEGIN");
    }

    @Test
    void shouldRefuseAMaskForAValueTheWebhookDoesNotHave() {
        ApiClient.Response refused = api.post("/v1/webhooks", body(Map.of(
                "clientCertificate", Map.of("certificate", CLIENT.certificatePem(), "privateKey", "********"),
                "oauth2", Map.of("tokenUrl", TOKEN_URL, "clientId", "client-1", "clientSecret", "********"))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("clientCertificate.privateKey", "oauth2.clientSecret");
    }

    @Test
    void shouldRemoveTheCredentialsAReplaceLeavesOut() {
        String id = api.post("/v1/webhooks", body(Map.of())).json().get("id").textValue();
        Map<String, Object> edited = readBack(id);
        edited.remove("clientCertificate");
        edited.put("oauth2", null);

        assertThat(api.put("/v1/webhooks/" + id, Json.toString(edited)).status()).isEqualTo(200);

        Subscription stored = stored(id, 2);
        assertThat(stored.clientCertificate()).isNull();
        assertThat(stored.oauth2()).isNull();
        assertThat(api.get("/v1/webhooks/" + id).json().get("clientCertificate").isNull()).isTrue();
    }

    static Stream<Arguments> badCredentials() {
        Issued other = AUTHORITY.client("other", KeyKind.RSA);
        Map<String, String> oauth2 = Map.of("tokenUrl", TOKEN_URL, "clientId", "client-1", "clientSecret", "s");
        return Stream.of(
                Arguments.of(Map.of("clientCertificate", Map.of("certificate", "MIIB not pem", "privateKey",
                        CLIENT.privateKeyPem())), "clientCertificate.certificate"),
                Arguments.of(Map.of("clientCertificate", Map.of("certificate", CLIENT.certificatePem(), "privateKey",
                        "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n")), "clientCertificate.privateKey"),
                Arguments.of(Map.of("clientCertificate", Map.of("certificate", CLIENT.certificatePem(), "privateKey",
                        other.privateKeyPem())), "clientCertificate.privateKey"),
                Arguments.of(Map.of("clientCertificate", Map.of("certificate", CLIENT.certificatePem())),
                        "clientCertificate.privateKey"),
                Arguments.of(Map.of("clientCertificate", Map.of("certificate", CLIENT.certificatePem(), "privateKey",
                        CLIENT.privateKeyPem(), "password", "x")), "clientCertificate.password"),
                Arguments.of(Map.of("clientCertificate", "PEM"), "clientCertificate"),
                Arguments.of(Map.of("oauth2", with(oauth2, "tokenUrl", null)), "oauth2.tokenUrl"),
                Arguments.of(Map.of("oauth2", with(oauth2, "tokenUrl", "ftp://auth.example.com/token")), "oauth2.tokenUrl"),
                Arguments.of(Map.of("oauth2", with(oauth2, "tokenUrl", "https://user:pw@auth.example.com/token")),
                        "oauth2.tokenUrl"),
                Arguments.of(Map.of("oauth2", with(oauth2, "tokenUrl", TOKEN_URL + "#part")), "oauth2.tokenUrl"),
                Arguments.of(Map.of("oauth2", with(oauth2, "clientId", "client\n1")), "oauth2.clientId"),
                Arguments.of(Map.of("oauth2", with(oauth2, "clientSecret", "")), "oauth2.clientSecret"),
                Arguments.of(Map.of("oauth2", with(oauth2, "scope", "a  b")), "oauth2.scope"),
                Arguments.of(Map.of("oauth2", with(oauth2, "clientAuthentication", "private_key_jwt")),
                        "oauth2.clientAuthentication"),
                Arguments.of(Map.of("oauth2", with(oauth2, "audience", "x")), "oauth2.audience"),
                Arguments.of(Map.of("oauth2", oauth2, "headers", Map.of("authorization", "Bearer x")), "headers"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCredentials")
    void shouldRefuseBadCredentialsNamingTheField(Map<String, Object> fields, String field) {
        Map<String, Object> webhook = new LinkedHashMap<>(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*")));
        webhook.putAll(fields);

        ApiClient.Response refused = api.post("/v1/webhooks", Json.toString(webhook));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly(field);
        assertThat(refused.body()).doesNotContain(CLIENT.privateKeyPem().substring(40, 80)).doesNotContain("not base64");
    }

    @Test
    void shouldRefuseATokenUrlDeliveryWouldRefuse() {
        try (IngestTestServer strict = IngestTestServer.start(Map.of(CommonConfig.DELIVERY_ALLOW_HTTP, "false",
                CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES, "false"))) {
            for (String tokenUrl : List.of("http://auth.example.com/token", "https://10.0.0.8/token",
                    "https://[::1]/token")) {
                ApiClient.Response refused = strict.api().post("/v1/webhooks", body(Map.of("oauth2", Map.of(
                        "tokenUrl", tokenUrl, "clientId", "client-1", "clientSecret", "s"))));

                assertThat(refused.status()).as(refused.body()).isEqualTo(400);
                assertThat(fields(refused)).as(tokenUrl).containsExactly("oauth2.tokenUrl");
            }
            assertThat(strict.api().post("/v1/webhooks", body(Map.of())).status()).isEqualTo(201);
        }
    }

    /** A webhook with the test's credentials, and {@code overrides} on top. */
    private String body(Map<String, Object> overrides) {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("workspaceId", workspace);
        webhook.put("url", "https://example.com/hooks");
        webhook.put("events", List.of("*"));
        webhook.put("clientCertificate", Map.of("certificate", CLIENT.certificatePem(), "privateKey",
                CLIENT.privateKeyPem()));
        webhook.put("oauth2", Map.of("tokenUrl", TOKEN_URL, "clientId", "client-1", "clientSecret", CLIENT_SECRET,
                "scope", "webhooks:receive"));
        webhook.putAll(overrides);
        return Json.toString(webhook);
    }

    /** The webhook as a client sends it back after a GET: less what the server sets. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> readBack(String id) {
        Map<String, Object> webhook = Json.mapper().convertValue(api.get("/v1/webhooks/" + id).json(), Map.class);
        webhook.keySet().removeAll(List.of("id", "createdAt", "updatedAt", "version", "disabledReason", "retiringSecretsExpireAt"));
        return webhook;
    }

    /** The webhook at {@code version} as the subscriptions topic holds it, decrypted. */
    private static Subscription stored(String id, long version) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.await(Topics.SUBSCRIPTIONS,
                record -> id.equals(record.key()) && record.value() != null,
                found -> found.stream().anyMatch(record -> decode(record).version() == version), Duration.ofSeconds(30));
        return records.stream().map(WebhookCredentialsApiIT::decode).filter(webhook -> webhook.version() == version)
                .findFirst().orElseThrow();
    }

    private static Subscription decode(ConsumerRecord<String, byte[]> record) {
        return SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null)).decode(record.value()).subscription();
    }

    private static List<String> fields(ApiClient.Response refused) {
        return refused.json().get("detail").findValuesAsText("field");
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(map);
        changed.put(key, value);
        return changed;
    }
}
