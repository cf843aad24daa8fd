package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The changes sent to the subscriptions' owner and its results carry a webhook's secrets (a new webhook, a
 * replacement, a rotation): encrypted, as in the subscriptions topic.
 */
class OwnerTopicsSecretsIT {

    private final ApiClient api = IngestTestServer.shared().api();

    @Test
    void shouldCarryNoSecretInPlaintextOnTheCommandsAndResultsTopics() {
        String id = "webhook_" + UUID.randomUUID();
        String secret = "whsec_" + "c2VjcmV0LWJ5dGVzLW9mLXRoZS10ZXN0LXdlYmhvb2s=";
        String rotated = "whsec_" + "cm90YXRlZC1zZWNyZXQtb2YtdGhlLXRlc3Qtd2ViaG9vaw==";
        String authorization = "Bearer header-" + UUID.randomUUID();
        String workspace = "ws_" + UUID.randomUUID();

        assertThat(api.post("/v1/webhooks", Json.toString(Map.of("id", id, "workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*"), "secret", secret,
                "headers", Map.of("Authorization", authorization)))).status()).isEqualTo(201);
        assertThat(api.put("/v1/webhooks/" + id, Json.toString(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*"), "secret", secret,
                "headers", Map.of("Authorization", authorization)))).status()).isEqualTo(200);
        ApiClient.Response rotation = api.post("/v1/webhooks/" + id + "/rotate-secret",
                Json.toString(Map.of("secret", rotated)));
        assertThat(rotation.status()).isEqualTo(200);
        assertThat(rotation.json().get("secret").textValue()).isEqualTo(rotated);

        List<ConsumerRecord<String, byte[]>> commands = TopicRecords.readToEnd(Topics.SUBSCRIPTION_COMMANDS,
                record -> id.equals(record.key()));
        List<ConsumerRecord<String, byte[]>> results = TopicRecords.readToEnd(Topics.SUBSCRIPTION_COMMAND_RESULTS,
                record -> id.equals(record.key()));
        assertThat(commands).hasSize(3);
        assertThat(results).hasSize(3);
        for (ConsumerRecord<String, byte[]> record : concat(commands, results)) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain(secret, rotated, authorization).contains("enc:v1:");
        }
    }

    @Test
    void shouldCarryNoClientCredentialInPlaintextOnTheCommandsAndResultsTopics() {
        String id = "webhook_" + UUID.randomUUID();
        TestCertificates.Issued client = TestCertificates.authority("Owner topics CA")
                .client("owner-topics-client", TestCertificates.KeyKind.RSA);
        String clientSecret = "oauth-secret-" + UUID.randomUUID();
        Map<String, Object> webhook = Map.of("workspaceId", "ws_" + UUID.randomUUID(), "url", "https://example.com/hooks",
                "events", List.of("*"), "clientCertificate", Map.of("certificate", client.certificatePem(),
                        "privateKey", client.privateKeyPem()), "oauth2", Map.of("tokenUrl", "https://auth.example.com/token",
                        "clientId", "client-1", "clientSecret", clientSecret));

        Map<String, Object> created = new LinkedHashMap<>(webhook);
        created.put("id", id);
        assertThat(api.post("/v1/webhooks", Json.toString(created)).status()).isEqualTo(201);
        assertThat(api.put("/v1/webhooks/" + id, Json.toString(webhook)).status()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> commands = TopicRecords.readToEnd(Topics.SUBSCRIPTION_COMMANDS,
                record -> id.equals(record.key()));
        List<ConsumerRecord<String, byte[]>> results = TopicRecords.readToEnd(Topics.SUBSCRIPTION_COMMAND_RESULTS,
                record -> id.equals(record.key()));
        assertThat(commands).hasSize(2);
        assertThat(results).hasSize(2);
        String keyBody = client.privateKeyPem().lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
        String certificateBody = client.certificatePem().lines().skip(1).findFirst().orElseThrow();
        for (ConsumerRecord<String, byte[]> record : concat(commands, results)) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain(keyBody, certificateBody, clientSecret, "BEGIN").contains("enc:v1:");
        }
    }

    private static List<ConsumerRecord<String, byte[]>> concat(List<ConsumerRecord<String, byte[]>> first,
                                                               List<ConsumerRecord<String, byte[]>> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
