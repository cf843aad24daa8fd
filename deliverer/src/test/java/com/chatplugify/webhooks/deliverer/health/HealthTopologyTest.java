package com.chatplugify.webhooks.deliverer.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.testing.TestSecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health watch's decisions, one rule per test, on {@link TopologyTestDriver}. */
class HealthTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration AUTO_DISABLE_AFTER = Duration.ofHours(1);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String WORKSPACE = "ws_health";

    @TempDir
    Path stateDir;

    private final CommandCodec commandCodec =
            new CommandCodec(SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null)));
    private final JsonSerde<DeliveryAttempt> attemptSerde = new JsonSerde<>(DeliveryAttempt.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> subscriptions;
    private TestInputTopic<String, byte[]> attempts;
    private TestInputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, byte[]> commands;
    private TestOutputTopic<String, OperationalEvent> events;

    @BeforeEach
    void start() {
        WebhooksConfig config = new WebhooksConfig(DelivererConfig.define(CommonConfig.define(new ConfigDef())), Map.of(
                CommonConfig.DATA_DIR, stateDir.toString(),
                DelivererConfig.AUTO_DISABLE_AFTER, "1h",
                DelivererConfig.FAILING_AFTER, "10m",
                DelivererConfig.BREAKER_FAILURE_THRESHOLD, "3",
                DelivererConfig.DEAD_LETTER_EVENTS_WINDOW, "1m"));
        OperationalEventMetrics metrics = new OperationalEventMetrics(registry, OperationalEvent.TYPES, List.of());
        driver = new TopologyTestDriver(HealthTopology.build(HealthOptions.from(config), commandCodec, metrics),
                HealthWatch.properties(config), T0);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        attempts = input(Topics.DELIVERY_ATTEMPTS);
        deadLetters = input(Topics.DLQ);
        commands = driver.createOutputTopic(Topics.SUBSCRIPTION_COMMANDS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        events = driver.createOutputTopic(Topics.OPERATIONAL_EVENTS, Serdes.String().deserializer(),
                new JsonSerde<>(OperationalEvent.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldAskToDisableEveryWebhookWhoseAttemptsAllFailedForTheAutoDisablePeriodAndNoOther() {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "webhook_" + i).toList();
        ids.forEach(id -> subscribe(id, 7, true, "https://example.com/" + id));
        for (int minute = 0; minute <= 60; minute += 10) {
            for (int i = 0; i < ids.size(); i++) {
                // Odd webhooks succeed once in the middle: their streak starts again then.
                boolean success = i % 2 == 1 && minute == 30;
                attempt(ids.get(i), T0.plus(Duration.ofMinutes(minute)), success);
            }
        }
        List<SubscriptionCommand> asked = commands();
        assertThat(asked).extracting(SubscriptionCommand::webhookId)
                .containsExactlyInAnyOrderElementsOf(ids.stream().filter(id -> Integer.parseInt(id.substring(8)) % 2 == 0).toList());
        assertThat(asked).allSatisfy(command -> {
            assertThat(command.kind()).isEqualTo(SubscriptionCommand.Kind.DISABLE);
            assertThat(command.ifVersion()).isEqualTo(7);
            assertThat(command.reason()).isEqualTo("endpoint_failing");
        });

        ids.forEach(id -> attempt(id, T0.plus(Duration.ofMinutes(70)), false));
        assertThat(commands()).as("each streak asks once").isEmpty();
    }

    @Test
    void shouldNotAskForAWebhookThatFailedLessThanThePeriodOrWhoseStreakASuccessEnded() {
        subscribe("webhook_a", 1, true, "https://example.com/a");
        attempt("webhook_a", T0, false);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER).minusSeconds(1), false);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER), true);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER).plusSeconds(1), false);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER.multipliedBy(2)), false);

        assertThat(commands()).isEmpty();
    }

    @Test
    void shouldIgnoreASuccessRecordedLateButMadeBeforeTheStreakBegan() {
        subscribe("webhook_a", 1, true, "https://example.com/a");
        attempt("webhook_a", T0, false);
        attempt("webhook_a", T0.minusSeconds(5), true);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER), false);

        assertThat(commands()).extracting(SubscriptionCommand::webhookId).containsExactly("webhook_a");
    }

    @Test
    void shouldSkipAnAttemptReadBeforeItsWebhooksSubscriptionSoThatItsStreakStartsLaterNotEarlier() {
        attempt("webhook_a", T0, false);
        subscribe("webhook_a", 1, true, "https://example.com/a");
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER), false);

        assertThat(commands()).as("the streak starts at the first attempt read after the subscription").isEmpty();

        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER.multipliedBy(2)), false);
        assertThat(commands()).extracting(SubscriptionCommand::webhookId).containsExactly("webhook_a");
    }

    @Test
    void shouldForgetAWebhookDeletedWhileFailing() {
        subscribe("webhook_a", 1, true, "https://example.com/a");
        attempt("webhook_a", T0, false);
        subscriptions.pipeInput("webhook_a", null, T0.plusSeconds(1));
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER), false);

        assertThat(commands()).isEmpty();
        assertThat(events.readValuesToList()).isEmpty();
    }

    @Test
    void shouldStartAfreshWhenTheWebhookIsEnabledAgainOrPointedElsewhere() {
        subscribe("webhook_a", 1, true, "https://example.com/a");
        subscribe("webhook_b", 1, true, "https://example.com/b");
        attempt("webhook_a", T0, false);
        attempt("webhook_b", T0, false);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER), false);
        assertThat(commands()).extracting(SubscriptionCommand::webhookId).containsExactly("webhook_a");

        subscribe("webhook_a", 2, false, "https://example.com/a");
        subscribe("webhook_a", 3, true, "https://example.com/a");
        subscribe("webhook_b", 2, true, "https://example.com/b-moved");
        Instant later = T0.plus(AUTO_DISABLE_AFTER).plusSeconds(60);
        attempt("webhook_a", later, false);
        attempt("webhook_b", later, false);
        assertThat(commands()).as("fresh streaks, a second old").isEmpty();

        attempt("webhook_a", later.plus(AUTO_DISABLE_AFTER), false);
        assertThat(commands()).singleElement().satisfies(command -> {
            assertThat(command.webhookId()).isEqualTo("webhook_a");
            assertThat(command.ifVersion()).isEqualTo(3);
        });
    }

    @Test
    void shouldAskAgainAtTheNewVersionWhenTheWebhookChangedBeforeTheDisableApplied() {
        subscribe("webhook_a", 1, true, "https://example.com/a");
        attempt("webhook_a", T0, false);
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER), false);
        assertThat(commands()).extracting(SubscriptionCommand::ifVersion).containsExactly(1L);

        // Its description edited: the owner refuses the disable at version 1; the streak goes on.
        subscribe("webhook_a", 2, true, "https://example.com/a");
        attempt("webhook_a", T0.plus(AUTO_DISABLE_AFTER).plusSeconds(10), false);

        assertThat(commands()).extracting(SubscriptionCommand::ifVersion).containsExactly(2L);
    }

    @Test
    void shouldWriteFailingOnceTheCircuitStaysOpenAndRecoveredOnTheSuccessThatEndsIt() {
        subscribe("webhook_a", 1, true, "https://example.com/a");
        attempt("webhook_a", T0, false);
        attempt("webhook_a", T0.plusSeconds(700), false);
        assertThat(events.readValuesToList()).as("two failures: fewer than the circuit's threshold").isEmpty();
        attempt("webhook_a", T0.plusSeconds(701), false);
        attempt("webhook_a", T0.plusSeconds(800), false);
        attempt("webhook_a", T0.plusSeconds(900), true);

        List<OperationalEvent> written = events.readValuesToList();
        assertThat(written).extracting(OperationalEvent::event)
                .containsExactly(OperationalEvent.WEBHOOK_FAILING, OperationalEvent.WEBHOOK_RECOVERED);
        assertThat(written).allSatisfy(event -> {
            assertThat(event.webhookId()).isEqualTo("webhook_a");
            assertThat(event.workspaceId()).isEqualTo(WORKSPACE);
            assertThat(event.id()).startsWith("evt_");
        });
        assertThat(written.get(0).data()).containsEntry("failingSince", T0.toString()).containsEntry("failures", 3)
                .containsEntry("lastStatus", 503);
        assertThat(written.get(1).data()).containsEntry("failingSince", T0.toString()).containsEntry("failures", 4)
                .containsEntry("recoveredAt", T0.plusSeconds(900).toString());
        assertThat(registry.get("webhook.operational.events").tag("event", OperationalEvent.WEBHOOK_FAILING).counter()
                .count()).isEqualTo(1);
    }

    @Test
    void shouldReportDeadLettersAsOneEventPerWebhookAndWindowWithTheirCountsByReason() {
        for (int i = 0; i < 500; i++) {
            deadLetter("webhook_a", i % 5 == 0 ? "expired" : "retries_exhausted", T0.plusMillis(i));
        }
        deadLetter("webhook_b", "webhook_disabled", T0.plusSeconds(2));
        assertThat(events.readValuesToList()).as("nothing before the window ends").isEmpty();

        driver.advanceWallClockTime(WINDOW);
        Map<String, OperationalEvent> byWebhook = new LinkedHashMap<>();
        events.readValuesToList().forEach(event -> assertThat(byWebhook.put(event.webhookId(), event)).isNull());
        assertThat(byWebhook).containsOnlyKeys("webhook_a", "webhook_b");
        OperationalEvent a = byWebhook.get("webhook_a");
        assertThat(a.event()).isEqualTo(OperationalEvent.DELIVERY_DEAD_LETTERED);
        assertThat(a.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(a.data()).containsEntry("count", 500)
                .containsEntry("reasons", Map.of("expired", 100, "retries_exhausted", 400))
                .containsEntry("from", T0.toString()).containsEntry("to", T0.plusMillis(499).toString());
        assertThat(byWebhook.get("webhook_b").data()).containsEntry("count", 1)
                .containsEntry("reasons", Map.of("webhook_disabled", 1));

        driver.advanceWallClockTime(WINDOW);
        assertThat(events.readValuesToList()).as("reported once").isEmpty();
        deadLetter("webhook_a", "expired", T0.plusSeconds(120));
        driver.advanceWallClockTime(WINDOW);
        assertThat(events.readValuesToList()).singleElement()
                .satisfies(event -> assertThat(event.data()).containsEntry("count", 1));
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private void subscribe(String id, long version, boolean enabled, String url) {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("id", id);
        subscription.put("workspaceId", WORKSPACE);
        subscription.put("url", url);
        subscription.put("events", List.of("*"));
        subscription.put("enabled", enabled);
        subscription.put("version", version);
        subscriptions.pipeInput(id, Json.toBytes(subscription), T0);
    }

    private void attempt(String webhookId, Instant at, boolean delivered) {
        DeliveryAttempt attempt = new DeliveryAttempt(webhookId, WORKSPACE, "evt_" + at.toEpochMilli(),
                "task.created", 1, at, delivered ? DeliveryAttempt.DELIVERED : DeliveryAttempt.FAILED,
                delivered ? 200 : 503, delivered ? null : "HTTP 503", 12, null, 0, null);
        attempts.pipeInput(webhookId, attemptSerde.serialize(Topics.DELIVERY_ATTEMPTS, attempt), at);
    }

    private void deadLetter(String webhookId, String reason, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        new DeliveryHeaders(3, null, null, reason, 503, "HTTP 503", at, Topics.retryTier(3), 0, 1L, null)
                .writeTo(headers);
        byte[] delivery = ("{\"webhookId\":\"" + webhookId + "\",\"workspaceId\":\"" + WORKSPACE
                + "\",\"event\":{}}").getBytes(StandardCharsets.UTF_8);
        deadLetters.pipeInput(new TestRecord<>(webhookId, delivery, headers, at));
    }

    private List<SubscriptionCommand> commands() {
        return commands.readValuesToList().stream().map(commandCodec::decode).toList();
    }
}
