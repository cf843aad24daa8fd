package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook secrets (signing secrets, retiring secrets, custom header values) never sit readable on a topic: the
 * subscriptions topic and its invalid copies are read here byte by byte with a plain consumer.
 */
class SecretsAtRestIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = newReceiver();
    private final String workspace = "ws_" + UUID.randomUUID();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldKeepNoSecretOrHeaderValueReadableInTheSubscriptionsTopic() throws Exception {
        String authorization = "Bearer at-rest-" + UUID.randomUUID();
        String team = "team-" + UUID.randomUUID();
        JsonNode created = create(Map.of("Authorization", authorization, "X-Team", team));
        String id = created.get("id").textValue();
        String first = created.get("secret").textValue();
        assertThat(created.get("headers").get("Authorization").textValue()).isEqualTo("********");
        String second = api.post("/v1/webhooks/" + id + "/rotate-secret", "").json().get("secret").textValue();
        Map<String, Object> edited = roundTrip(id);
        edited.put("description", "edited with the masked headers sent back");
        assertThat(api.put("/v1/webhooks/" + id, Json.toString(edited)).status()).isEqualTo(200);

        assertThat(api.get("/v1/webhooks/" + id).body()).doesNotContain(authorization).doesNotContain(team);
        assertThat(api.get("/v1/webhooks/" + id + "/headers").json().get("headers"))
                .isEqualTo(Json.mapper().valueToTree(Map.of("Authorization", authorization, "X-Team", team)));
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(id));
        RecordingReceiver.Received delivered = deliverOne();
        assertThat(delivered.header("Authorization")).isEqualTo(authorization);
        assertThat(delivered.header("X-Team")).isEqualTo(team);
        verify(second, delivered);
        verify(first, delivered);

        List<ConsumerRecord<byte[], byte[]>> records = readAll(Topics.SUBSCRIPTIONS, id);
        assertThat(records).hasSizeGreaterThanOrEqualTo(3);
        assertNoneHolds(records, first, second, authorization, team);
    }

    @Test
    void shouldRedactPlaintextSecretsInInvalidCopies() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(("invalid-copy-" + UUID.randomUUID()).getBytes());
        String authorization = "Bearer invalid-copy-" + UUID.randomUUID();
        String badUrl = "{\"id\":\"webhook_bad_url\",\"workspaceId\":\"" + workspace + "\",\"url\":\"ftp://example.com\","
                + "\"events\":[\"*\"],\"secret\":\"" + secret + "\",\"headers\":{\"Authorization\":\"" + authorization + "\"}}";
        String cutShort = "{\"id\":\"webhook_cut\",\"secret\":\"" + secret + "\",\"headers\":{\"Authorization\":\""
                + authorization + "\"";

        RecordMetadata first = write("webhook_bad_url", badUrl.getBytes(StandardCharsets.UTF_8));
        RecordMetadata second = write("webhook_cut", cutShort.getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<byte[], byte[]>> copies = await().atMost(WAIT).until(() -> copiesOf(first, second),
                found -> found.size() == 2);
        assertNoneHolds(copies, secret, authorization);
        assertThat(copies).extracting(record -> header(record, "reason")).containsExactlyInAnyOrder("invalid_value", "not_json");
        assertThat(copies).extracting(record -> header(record, "detail"))
                .anySatisfy(detail -> assertThat(detail).contains("redacted"))
                .anySatisfy(detail -> assertThat(detail).contains("withheld"));
    }

    @Test
    void shouldReadARecordWrittenBeforeEncryptionAndEncryptItAtItsNextWrite() throws Exception {
        String id = "webhook_legacy_" + UUID.randomUUID();
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String authorization = "Bearer legacy-" + UUID.randomUUID();
        Instant now = Instant.now();
        Subscription legacy = new Subscription(id, workspace, receiver.url("/legacy"), List.of("*"),
                Map.of("Authorization", authorization), secret, true, null, null, now, now, List.of(), 0, null, null, null, null, null);
        write(id, new JsonSerde<>(Subscription.class).serialize(Topics.SUBSCRIPTIONS, legacy));

        await().atMost(WAIT).until(() -> api.get("/v1/webhooks/" + id).status() == 200);
        assertThat(api.get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue()).isEqualTo(secret);
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(id));
        RecordingReceiver.Received delivered = deliverOne();
        assertThat(delivered.header("Authorization")).isEqualTo(authorization);
        verify(secret, delivered);

        assertThat(api.put("/v1/webhooks/" + id, Json.toString(roundTrip(id))).status()).isEqualTo(200);
        List<ConsumerRecord<byte[], byte[]>> records = readAll(Topics.SUBSCRIPTIONS, id);
        assertNoneHolds(records.subList(records.size() - 1, records.size()), secret, authorization);
        assertThat(api.get("/v1/webhooks/" + id + "/headers").json().get("headers").get("Authorization").textValue())
                .isEqualTo(authorization);
    }

    @Test
    void shouldReportARecordNoConfiguredKeyOpensAndRefuseItsDeliveries() throws Exception {
        String id = "webhook_foreign_" + UUID.randomUUID();
        SubscriptionCodec foreign = SubscriptionCodec.of(SecretKeys.parse(SecretKeys.generate("elsewhere",
                new SecureRandom()), null));
        Instant now = Instant.now();
        write(id, foreign.encode(new Subscription(id, workspace, receiver.url("/foreign"), List.of("*"),
                Map.of("Authorization", "Bearer foreign"), "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                true, null, null, now, now, List.of(), 1, null, null, null, null, null)));

        await().atMost(WAIT).until(() -> api.get("/v1/webhooks/" + id).status() == 200);
        assertThat(TestSystem.shared().registry().get(WebhookMetrics.SUBSCRIPTIONS_SECRETS).tag("storage", "unreadable")
                .gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(TestSystem.shared().health().health().ok()).isTrue();
        assertThat(TestSystem.shared().health().health().toString()).contains("cannot be decrypted");
        ApiClient.Response secret = api.get("/v1/webhooks/" + id + "/secret");
        assertThat(secret.status()).isEqualTo(500);
        assertThat(secret.json().get("error").textValue()).isEqualTo("secrets_unreadable");
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(id));

        publish();

        JsonNode deadLetter = await().atMost(WAIT).until(() -> api.get("/v1/dead-letters?webhookId=" + id).json()
                .get("data"), data -> data.size() == 1).get(0);
        assertThat(deadLetter.get("reason").textValue()).isEqualTo("endpoint_refused");
        assertThat(deadLetter.get("lastError").textValue()).contains("cannot be decrypted").contains("secrets.key");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldDecryptWithThePreviousKeyOnceTheKeyIsRotated() throws Exception {
        String authorization = "Bearer rotation-" + UUID.randomUUID();
        String id = create(Map.of("Authorization", authorization)).get("id").textValue();
        String newKey = SecretKeys.generate("rotated", new SecureRandom());

        try (SubscriptionView rotated = view(Map.of("secrets.key", newKey, "secrets.previous-keys", TestSecrets.KEY));
             SubscriptionView withoutOld = view(Map.of("secrets.key", newKey))) {
            assertThat(rotated.get(id).orElseThrow().headers()).containsEntry("Authorization", authorization);
            assertThat(rotated.count(SubscriptionCodec.Storage.PREVIOUS_KEY)).isPositive();
            assertThat(withoutOld.get(id).orElseThrow().headers().get("Authorization")).startsWith("enc:v1:test:");
            assertThat(withoutOld.count(SubscriptionCodec.Storage.UNREADABLE)).isPositive();
            assertThat(withoutOld.alive()).isTrue();
        }
    }

    @Test
    void shouldStartTheRouterWithoutAKeyButNeitherIngestNorDeliverer() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", TestKafka.bootstrapServers(),
                "http.port", "0", "topics.partitions", "3", "data.dir", Files.createTempDirectory("no-key-").toString(),
                "router.application-id", "no-key-router-" + UUID.randomUUID()));
        WebhooksConfig config = new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), settings);

        for (Role role : List.of(Role.INGEST, Role.DELIVERER)) {
            assertThatThrownBy(() -> WebhooksProcess.start(config, EnumSet.of(role), "token", Clock.systemUTC()).close())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("secrets.key");
        }
        try (WebhooksProcess router = WebhooksProcess.start(config, EnumSet.of(Role.ROUTER), null, Clock.systemUTC())) {
            assertThat(router.awaitReady(Duration.ofSeconds(60))).as(router.health().readiness().toString()).isTrue();
        }
    }

    private JsonNode create(Map<String, String> headers) {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/hooks"), "events", List.of("*"), "headers", headers)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** What a client would send back after a GET: the webhook as read, less what the server sets. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> roundTrip(String id) {
        Map<String, Object> webhook = Json.mapper().convertValue(api.get("/v1/webhooks/" + id).json(), Map.class);
        webhook.keySet().removeAll(List.of("id", "createdAt", "updatedAt", "version", "disabledReason", "retiringSecretsExpireAt"));
        return webhook;
    }

    private String publish() {
        ApiClient.Response accepted = api.post("/v1/events", "{\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"id\":\"task_1\"}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("id").textValue();
    }

    private RecordingReceiver.Received deliverOne() {
        String eventId = publish();
        return await().atMost(WAIT).until(() -> receiver.received().stream()
                .filter(r -> eventId.equals(r.header("webhook-id"))).findFirst().orElse(null), r -> r != null);
    }

    private static void verify(String secret, RecordingReceiver.Received request) throws Exception {
        new Webhook(secret).verify(request.bodyText(), Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature"))));
    }

    private static void assertNoneHolds(List<ConsumerRecord<byte[], byte[]>> records, String... secrets) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            List<byte[]> parts = new ArrayList<>();
            parts.add(record.key() == null ? new byte[0] : record.key());
            parts.add(record.value() == null ? new byte[0] : record.value());
            for (Header header : record.headers()) {
                parts.add(header.key().getBytes(StandardCharsets.UTF_8));
                parts.add(header.value() == null ? new byte[0] : header.value());
            }
            for (byte[] part : parts) {
                String text = new String(part, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    String keyPart = secret.startsWith("whsec_") ? secret.substring(6) : secret;
                    assertThat(text).as("record %s-%d@%d", record.topic(), record.partition(), record.offset())
                            .doesNotContain(secret).doesNotContain(keyPart);
                }
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> copiesOf(RecordMetadata... origins) {
        List<String> wanted = new ArrayList<>();
        for (RecordMetadata origin : origins) {
            wanted.add(origin.partition() + "@" + origin.offset());
        }
        return readAll(Topics.SUBSCRIPTIONS_INVALID, null).stream()
                .filter(record -> Topics.SUBSCRIPTIONS.equals(header(record, "origin-topic"))
                        && wanted.contains(header(record, "origin-partition") + "@" + header(record, "origin-offset")))
                .toList();
    }

    /** Every record of the topic (of one key, when given), read with a plain consumer from the beginning. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String key) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestKafka.bootstrapServers(), "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key == null || key.equals(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8))) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }

    private static RecordMetadata write(String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestKafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static SubscriptionView view(Map<String, String> keys) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(keys);
        settings.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        WebhooksConfig config = new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), settings);
        SubscriptionView view = SubscriptionView.create(config, "rotation-view").start();
        view.awaitCaughtUp().get(30, TimeUnit.SECONDS);
        return view;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static RecordingReceiver newReceiver() {
        try {
            return new RecordingReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
