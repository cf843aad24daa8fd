package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.CapturedLog;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request still waiting for Kafka when the server stops (a SIGTERM while publishes are in flight) is answered by
 * whichever thread completes it: the Kafka producer's. Its answer has nowhere to go, and that thread must go on.
 */
class AnswerAfterStopTest {

    @RegisterExtension
    final CapturedLog javalin = CapturedLog.of("io.javalin.Javalin");

    @Test
    void shouldLetTheThreadThatCompletesARequestEndedByAStopGoOnWithoutAnErrorHandlerFailing() {
        CompletableFuture<Map<String, String>> published = new CompletableFuture<>();
        CompletableFuture<Void> received = new CompletableFuture<>();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            ApiErrors.register(config.routes);
            config.routes.post("/v1/events", ctx -> {
                received.complete(null);
                ctx.future(() -> published.thenAccept(ctx::json));
            });
        }).start("127.0.0.1", 0);
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/v1/events")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding());
        await().until(received::isDone);
        app.stop();

        Thread producerThread = new Thread(() -> published.complete(Map.of("id", "evt_1")), "producer-network");
        producerThread.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !producerThread.isAlive());
        assertThat(javalin.lines()).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("threw an error"));
    }
}
