package com.chatplugify.webhooks.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.testing.CapturedLog;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing the client while responses arrive, as a deliverer that stops under load does, logs no ERROR from
 * httpclient5's I/O threads. The close races those threads, so the client is closed many times: closed from the
 * stopping thread with {@code CloseMode.IMMEDIATE}, about one close in two logged a
 * {@code ConcurrentModificationException} at ERROR.
 */
class WebhookHttpClientCloseTest {

    private static final int CLOSES = 20;
    private static final int ATTEMPTS_IN_FLIGHT = 40;
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    /** Where httpclient5 logs what its I/O reactors throw. */
    @RegisterExtension
    final CapturedLog reactorLog = CapturedLog.of("org.apache.hc.client5.http.impl.async");

    private final RecordingReceiver receiver = RecordingReceiver.start().answer(request -> {
        pause(Duration.ofMillis(5));
        return Reply.status(200);
    });

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldLogNoErrorWhenClosedWhileResponsesArrive() {
        for (int close = 0; close < CLOSES; close++) {
            WebhookHttpClient client = new WebhookHttpClient(Duration.ofSeconds(10), ATTEMPTS_IN_FLIGHT,
                    new EndpointResolver(new AddressPolicy(true), List.of(), Duration.ofSeconds(10)),
                    new DeliveryTls(DeliveryTls.jvmTrust()), Optional.empty());
            AtomicBoolean closing = new AtomicBoolean();
            int receivedBefore = receiver.received().size();
            for (int i = 0; i < ATTEMPTS_IN_FLIGHT; i++) {
                postUntil(closing, client, "wh_" + (i % 10));
            }
            await().until(() -> receiver.received().size() >= receivedBefore + 2 * ATTEMPTS_IN_FLIGHT);

            closing.set(true);
            client.close();
        }

        assertThat(reactorLog.lines()).noneMatch(line -> line.getLevel().isGreaterOrEqual(Level.ERROR));
    }

    /** Posts again as each attempt ends, until {@code closing}: responses keep arriving until the client closes. */
    private void postUntil(AtomicBoolean closing, WebhookHttpClient client, String webhookId) {
        if (!closing.get()) {
            client.post(webhookId, URI.create(receiver.url("/" + webhookId)), Map.of(), BODY)
                    .whenComplete((attempt, e) -> postUntil(closing, client, webhookId));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
