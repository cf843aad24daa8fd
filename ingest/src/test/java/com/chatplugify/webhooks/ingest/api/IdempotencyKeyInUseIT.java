package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.ingest.eventtypes.DataValidation;
import com.chatplugify.webhooks.ingest.idempotency.ClaimAnswers;
import com.chatplugify.webhooks.ingest.idempotency.ClaimResult;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyClaims;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.chatplugify.webhooks.testing.api.ApiClient;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose Idempotency-Key another call is publishing under: the key's owners are real (the shared server's),
 * the events go to a scripted producer that holds the first call's event until the test lets it go.
 */
class IdempotencyKeyInUseIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MockProducer<String, byte[]> eventsBroker = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private KafkaProducer<String, byte[]> commands;
    private AwaitedAnswers<ClaimResult> answers;
    private Javalin app;

    @BeforeEach
    void start() {
        WebhooksConfig config = IngestTestServer.shared().awaitReady().config();
        commands = new KafkaProducer<>(KafkaClients.producer(config, "key-in-use-test"), new StringSerializer(),
                new ByteArraySerializer());
        answers = ClaimAnswers.create(config).start();
        EventSubmission submission = new EventSubmission(new EventPublisher(eventsBroker, Clock.systemUTC()),
                new IdempotencyClaims(commands, answers, TIMEOUT, Duration.ofHours(24), Clock.systemUTC()), TIMEOUT,
                Clock.systemUTC());
        EventsApi events = new EventsApi(submission, new InFlightBytes(1024 * 1024), new SimpleMeterRegistry(),
                DataValidation.off(), Clock.systemUTC());
        app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.startupWatcherEnabled = false;
            javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
            ApiErrors.register(javalin.routes);
            events.register(javalin.routes);
        });
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        answers.close();
        commands.close();
    }

    @Test
    void shouldTellACallWhoseKeyIsInUseToRetryInASecondNotAtTheLeasesEnd() {
        ApiClient api = OpenApiContract.checkedClient("http://127.0.0.1:" + app.port(), "token");
        String key = UUID.randomUUID().toString();
        String event = "{\"event\":\"task.created\",\"workspaceId\":\"ws_in_use\",\"data\":{\"n\":1}}";
        CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> post(api, key, event));
        await().until(() -> eventsBroker.history().size() == 1);

        ApiClient.Response inUse = post(api, key, event);

        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.error()).isEqualTo("idempotency_key_in_use");
        assertThat(inUse.header("Retry-After")).contains("1");
        eventsBroker.completeNext();
        assertThat(first.join().status()).isEqualTo(202);
    }

    private static ApiClient.Response post(ApiClient api, String key, String body) {
        return api.send(api.request("/v1/events").header(EventsApi.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
