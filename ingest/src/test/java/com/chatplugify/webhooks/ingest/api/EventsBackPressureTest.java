package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.ingest.eventtypes.DataValidation;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the broker is slow or down, POST /v1/events answers 503 with Retry-After instead of queueing. */
class EventsBackPressureTest {

    private static final String EVENT = "{\"event\":\"task.created\",\"workspaceId\":\"ws_1\",\"data\":{\"n\":1}}";

    private final MockProducer<String, byte[]> slowBroker = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void shouldRefuseAtOnceWhatDoesNotFitBesideEventsAwaitingTheBroker() {
        ApiClient api = start(slowBroker, EVENT.length() + 10, Duration.ofSeconds(30));
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(() -> api.post("/v1/events", EVENT));
        await().until(() -> slowBroker.history().size() == 1);

        ApiClient.Response refused = api.post("/v1/events", EVENT);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("unavailable");
        assertThat(refused.header("Retry-After")).contains("1");
        slowBroker.completeNext();
        assertThat(waiting.join().status()).isEqualTo(202);
    }

    @Test
    void shouldAnswer503WhenTheBrokerDoesNotAcknowledgeInTime() {
        ApiClient api = start(slowBroker, 1024 * 1024, Duration.ofMillis(300));

        ApiClient.Response refused = api.post("/v1/events", EVENT);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    void shouldAnswer503WhenTheProducerGivesUp() {
        ApiClient api = start(slowBroker, 1024 * 1024, Duration.ofSeconds(30));
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(() -> api.post("/v1/events/batch",
                "[" + EVENT + "]"));
        await().until(() -> slowBroker.history().size() == 1);

        slowBroker.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed since batch creation"));

        ApiClient.Response refused = waiting.join();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("unavailable");
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    void shouldNameTheEventsOfABatchThatWereAcceptedWhenOthersWereNot() {
        ApiClient api = start(slowBroker, 1024 * 1024, Duration.ofSeconds(2));
        CompletableFuture<ApiClient.Response> waiting = CompletableFuture.supplyAsync(() -> api.post("/v1/events/batch",
                "[" + EVENT + "," + EVENT + "," + EVENT + "]"));
        await().until(() -> slowBroker.history().size() == 3);

        slowBroker.completeNext();
        slowBroker.errorNext(new TimeoutException("Expiring 1 record(s)"));

        ApiClient.Response refused = waiting.join();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isPresent();
        JsonNode detail = refused.json().get("detail");
        assertThat(detail.get("accepted")).hasSize(1);
        assertThat(detail.at("/accepted/0/index").intValue()).isZero();
        assertThat(detail.at("/accepted/0/id").textValue()).isEqualTo(idOf(slowBroker.history().get(0)));
        assertThat(detail.get("notAccepted")).extracting(node -> node.get("index").intValue()).containsExactly(1, 2);
        assertThat(detail.at("/notAccepted/1/id").textValue()).isEqualTo(idOf(slowBroker.history().get(2)));
    }

    private static String idOf(ProducerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value()).get("id").textValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldAnswer503WhenNoBrokerAnswersAtAll() throws Exception {
        int closedPort = LoopbackPorts.unused();
        try (Producer<String, byte[]> nowhere = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500), new StringSerializer(), new ByteArraySerializer())) {
            ApiClient api = start(nowhere, 1024 * 1024, Duration.ofSeconds(1));

            ApiClient.Response refused = api.post("/v1/events", EVENT);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().at("/detail/message").textValue()).contains("Retry");
        }
    }

    private ApiClient start(Producer<String, byte[]> producer, long maxInFlightBytes, Duration publishTimeout) {
        EventSubmission submission = new EventSubmission(new EventPublisher(producer, Clock.systemUTC()), null,
                publishTimeout, Clock.systemUTC());
        EventsApi events = new EventsApi(submission, new InFlightBytes(maxInFlightBytes), new SimpleMeterRegistry(),
                DataValidation.off(), Clock.systemUTC());
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            ApiErrors.register(config.routes);
            events.register(config.routes);
        });
        app.start("127.0.0.1", 0);
        return OpenApiContract.checkedClient("http://127.0.0.1:" + app.port(), "unused");
    }
}
