package com.chatplugify.webhooks.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.deliverer.testing.TestNameServer;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against a real receiver on 127.0.0.1. */
class WebhookHttpClientTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    /** Patient enough for a cold JVM on a busy machine: only the tests of deadlines use a short one. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(700);

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final WebhookHttpClient client = client(TIMEOUT, new AddressPolicy(true), List.of());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        receiver.close();
    }

    @Test
    void shouldPostTheBodyWithTheHeaders() throws Exception {
        HttpAttempt attempt = post(receiver.url("/hook"), Map.of("webhook-id", "evt_1"));

        assertThat(attempt.status()).as("status of an attempt that ended with %s", attempt.error()).isEqualTo(200);
        RecordingReceiver.Received request = receiver.received().get(0);
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.header("webhook-id")).isEqualTo("evt_1");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).isEqualTo(WebhookHttpClient.USER_AGENT);
    }

    @Test
    void shouldNotFollowRedirects() throws Exception {
        receiver.answer(request -> new Reply(302, Map.of("Location", receiver.url("/elsewhere")), ""));

        HttpAttempt attempt = post(receiver.url("/hook"), Map.of());

        assertThat(attempt.status()).isEqualTo(302);
        assertThat(receiver.received()).extracting(RecordingReceiver.Received::path).containsExactly("/hook");
    }

    @Test
    void shouldEndAnAttemptTheReceiverNeverAnswers() throws Exception {
        receiver.answer(request -> {
            await(release);
            return Reply.status(200);
        });

        HttpAttempt attempt = postWithin(SHORT_TIMEOUT, receiver.url("/hook"));

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.error()).contains("timed out");
    }

    @Test
    void shouldEndAnAttemptWhoseResponseTrickles() throws Exception {
        receiver.answer(request -> Reply.trickle("x".repeat(1000), Duration.ofMillis(50)));

        HttpAttempt attempt = postWithin(SHORT_TIMEOUT, receiver.url("/hook"));

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.error()).contains("timed out");
    }

    @Test
    void shouldKeepAtMost64KiBOfTheResponse() throws Exception {
        receiver.answer(request -> new Reply(200, Map.of(), "y".repeat(1024 * 1024)));

        HttpAttempt attempt = post(receiver.url("/hook"), Map.of());

        assertThat(attempt.status()).isEqualTo(200);
        assertThat(attempt.body()).hasSize(BoundedResponseConsumer.MAX_BODY_BYTES);
    }

    @Test
    void shouldFailAnAttemptWhoseResponseHeadersAreHuge() throws Exception {
        receiver.answer(request -> new Reply(200, Map.of("X-Padding", "p".repeat(1024 * 1024)), ""));

        HttpAttempt attempt = post(receiver.url("/hook"), Map.of());

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.error()).contains("line length limit exceeded");
    }

    @Test
    void shouldRefuseAHostnameResolvingToLoopback() throws Exception {
        try (WebhookHttpClient guarded = client(TIMEOUT, new AddressPolicy(false), List.of())) {
            String url = receiver.url("/hook").replace("127.0.0.1", "localhost");

            HttpAttempt byName = guarded.post("wh_test", URI.create(url), Map.of(), BODY).get(20, TimeUnit.SECONDS);
            HttpAttempt byAddress = guarded.post("wh_test", URI.create(receiver.url("/hook")), Map.of(), BODY).get(20, TimeUnit.SECONDS);

            assertThat(byName.refused()).isTrue();
            assertThat(byName.error()).contains("localhost").contains("private or reserved").doesNotContain("127.0.0.1");
            assertThat(byAddress.refused()).isTrue();
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void shouldResolveHostNamesThroughTheConfiguredNameServer() throws Exception {
        try (TestNameServer names = TestNameServer.start().answer("receiver.test", InetAddress.getLoopbackAddress());
             WebhookHttpClient resolving = client(TIMEOUT, new AddressPolicy(true), List.of(names))) {
            String url = receiver.url("/hook").replace("127.0.0.1", "receiver.test");

            HttpAttempt attempt = resolving.post("wh_test", URI.create(url), Map.of(), BODY).get(20, TimeUnit.SECONDS);

            assertThat(attempt.status()).isEqualTo(200);
            // The request still names the host it was sent to, though it connected to the address resolved.
            assertThat(receiver.received().get(0).header("host")).startsWith("receiver.test:");
        }
    }

    @Test
    void shouldEndAnAttemptWhoseHostNameNeverResolvesWithinItsDeadline() throws Exception {
        try (TestNameServer names = TestNameServer.start().ignore("hung.test");
             WebhookHttpClient resolving = client(Duration.ofMillis(500), new AddressPolicy(true), List.of(names))) {
            String url = receiver.url("/hook").replace("127.0.0.1", "hung.test");

            HttpAttempt attempt = resolving.post("wh_test", URI.create(url), Map.of(), BODY).get(20, TimeUnit.SECONDS);

            assertThat(attempt.responded()).isFalse();
            assertThat(attempt.refused()).isFalse();
            assertThat(attempt.error()).isEqualTo("timed out after 500 ms resolving hung.test");
            // Under load the deadline may pass before the query leaves; it is still asked, and never answered.
            Awaitility.await().untilAsserted(() -> assertThat(names.dropped()).isPositive());
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void shouldFailAnAttemptWhoseHostNameDoesNotExist() throws Exception {
        try (TestNameServer names = TestNameServer.start();
             WebhookHttpClient resolving = client(TIMEOUT, new AddressPolicy(true), List.of(names))) {
            String url = receiver.url("/hook").replace("127.0.0.1", "nowhere.test");

            HttpAttempt attempt = resolving.post("wh_test", URI.create(url), Map.of(), BODY).get(20, TimeUnit.SECONDS);

            assertThat(attempt.responded()).isFalse();
            assertThat(attempt.refused()).isFalse();
            assertThat(attempt.error()).contains("nowhere.test");
        }
    }

    private static WebhookHttpClient client(Duration timeout, AddressPolicy policy, List<TestNameServer> names) {
        List<InetSocketAddress> servers = names.stream().map(TestNameServer::address)
                .map(address -> new InetSocketAddress("127.0.0.1", Integer.parseInt(address.split(":")[1]))).toList();
        return new WebhookHttpClient(timeout, 10, new EndpointResolver(policy, servers, timeout),
                new DeliveryTls(DeliveryTls.jvmTrust()), Optional.empty());
    }

    private HttpAttempt postWithin(Duration timeout, String url) throws Exception {
        try (WebhookHttpClient impatient = client(timeout, new AddressPolicy(true), List.of())) {
            return impatient.post("wh_test", URI.create(url), Map.of(), BODY).get(20, TimeUnit.SECONDS);
        }
    }

    private HttpAttempt post(String url, Map<String, String> headers) throws Exception {
        return client.post("wh_test", URI.create(url), headers, BODY).get(20, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
