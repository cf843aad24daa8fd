package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.WebhookWrites;
import com.chatplugify.webhooks.ingest.webhooks.WriteConfirmations;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.api.ApiClient;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No owner answers a webhook write: the API answers 503 with Retry-After, and says until when the change may still
 * apply: the expiry the command carries, after which the owner refuses it.
 */
class UnconfirmedWebhookWriteTest {

    private final MockProducer<String, byte[]> broker = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final MockConsumer<String, byte[]> silence = new MockConsumer<>("latest");
    private final SubscriptionCodec codec = SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null));
    private final CommandCodec commands = new CommandCodec(codec);
    private final WriteConfirmations confirmations = new WriteConfirmations(silence, commands, "test-confirmations");
    private Javalin app;

    @AfterEach
    void stop() {
        app.stop();
        confirmations.close();
    }

    @Test
    void shouldAnswer503SayingUntilWhenTheChangeMayStillApply() {
        ApiClient api = start(Duration.ofMillis(300));

        ApiClient.Response answer = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", "ws_1",
                "url", "https://example.com/hooks", "events", List.of("*"))));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.error()).isEqualTo("unavailable");
        assertThat(answer.header("Retry-After")).isPresent();
        assertThat(broker.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo(Topics.SUBSCRIPTION_COMMANDS);
            SubscriptionCommand command = commands.decode(sent.value());
            assertThat(command.kind()).isEqualTo(SubscriptionCommand.Kind.CREATE);
            assertThat(answer.json().get("detail").textValue())
                    .contains("may still apply until " + command.expiresAt() + ", never after");
        });
    }

    private ApiClient start(Duration timeout) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : List.of(Topics.SUBSCRIPTION_COMMAND_RESULTS, Topics.ROUTING_ACKS)) {
            silence.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            ends.put(new TopicPartition(topic, 0), 0L);
        }
        silence.updateEndOffsets(ends);
        confirmations.start();
        SubscriptionView view = new SubscriptionView(new MockConsumer<>("earliest"),
                partitions -> new CompletableFuture<>(), codec, "unused-view");
        WebhooksApi webhooks = new WebhooksApi(view, new WebhookWrites(broker, confirmations, commands, view, timeout,
                Duration.ZERO, Clock.systemUTC()), new Secrets(new SecureRandom()), timeout,
                new WebhookRules(new WebhookUrlPolicy(false, new AddressPolicy(false)), Clock.systemUTC()),
                Clock.systemUTC());
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            ApiErrors.register(config.routes);
            webhooks.register(config.routes);
        });
        app.start("127.0.0.1", 0);
        return OpenApiContract.checkedClient("http://127.0.0.1:" + app.port(), "unused");
    }
}
