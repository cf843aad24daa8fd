package com.chatplugify.webhooks.deliverer.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.deliverer.auth.OAuth2TokenClient;
import com.chatplugify.webhooks.deliverer.auth.OAuth2Tokens;
import com.chatplugify.webhooks.deliverer.engine.MutableClock;
import com.chatplugify.webhooks.deliverer.http.ClientIdentities;
import com.chatplugify.webhooks.deliverer.http.DeliveryTls;
import com.chatplugify.webhooks.deliverer.http.EndpointResolver;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One attempt against a real receiver on 127.0.0.1, and what it records: a metric never changes an attempt's outcome,
 * and only attempts that sent a request are timed as HTTP attempts.
 */
class DeliveryAttempterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry, new RecentFailures(clock));
    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        receiver.close();
    }

    @Test
    void shouldReportA2xxAsDeliveredWhenItsEventIsCenturiesOld() throws Exception {
        DeliveryAttempter.Result result = attempt(attempter(true), webhook(receiver.url("/hook"), null),
                Instant.parse("1700-01-01T00:00:00Z"));

        assertThat(result.outcome()).isInstanceOf(AttemptOutcome.Delivered.class);
        Timer endToEnd = registry.get(WebhookMetrics.DELIVERY_END_TO_END).timer();
        assertThat(endToEnd.count()).isEqualTo(1);
        assertThat(endToEnd.max(TimeUnit.DAYS)).isEqualTo(DeliveryMetrics.MAX_END_TO_END.toDays());
    }

    @Test
    void shouldNotTimeAReplayedDeliveryEndToEnd() throws Exception {
        DeliveryAttempter.Result result = attempt(attempter(true), webhook(receiver.url("/hook"), null),
                clock.instant().minus(Duration.ofDays(2)), true);

        assertThat(result.outcome()).isInstanceOf(AttemptOutcome.Delivered.class);
        assertThat(registry.get(WebhookMetrics.DELIVERY_END_TO_END).timer().count()).isZero();
    }

    @Test
    void shouldReportA2xxAsDeliveredWhenItsMetersFail() throws Exception {
        DeliveryAttempter attempter = attempter(true);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                throw new IllegalStateException("a broken meter registry");
            }
        });

        DeliveryAttempter.Result result = attempt(attempter, webhook(receiver.url("/hook"), null), clock.instant());

        assertThat(result.outcome()).isInstanceOf(AttemptOutcome.Delivered.class);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldCountButNotTimeAnAttemptTheAddressGuardRefused() throws Exception {
        String localhost = receiver.url("/hook").replace("127.0.0.1", "localhost");

        DeliveryAttempter.Result result = attempt(attempter(false), webhook(localhost, null), clock.instant());

        assertThat(result.outcome()).isInstanceOf(AttemptOutcome.Refused.class);
        assertThat(registry.get(WebhookMetrics.DELIVERY_ATTEMPTS).tags("outcome", "refused", "status_class", "none")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(WebhookMetrics.DELIVERY_ATTEMPT).timer().count()).isZero();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldCountButNotTimeAnAttemptWhoseTokenCouldNotBeHad() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OAuth2ClientCredentials oauth2 = new OAuth2ClientCredentials("http://127.0.0.1:" + closedPort + "/token",
                "client-1", "secret", null, null);

        DeliveryAttempter.Result result = attempt(attempter(true), webhook(receiver.url("/hook"), oauth2),
                clock.instant());

        assertThat(result.outcome()).isInstanceOf(AttemptOutcome.RetryLater.class);
        assertThat(registry.get(WebhookMetrics.DELIVERY_ATTEMPTS).tags("outcome", "failed", "status_class", "none")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(WebhookMetrics.DELIVERY_ATTEMPT).timer().count()).isZero();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldTimeAnAttemptThatSentItsRequest() throws Exception {
        attempt(attempter(true), webhook(receiver.url("/hook"), null), clock.instant());

        assertThat(registry.get(WebhookMetrics.DELIVERY_ATTEMPT).timer().count()).isEqualTo(1);
    }

    private DeliveryAttempter attempter(boolean allowPrivate) {
        DeliveryTls tls = new DeliveryTls(DeliveryTls.jvmTrust());
        WebhookHttpClient client = new WebhookHttpClient(TIMEOUT, 100,
                new EndpointResolver(new AddressPolicy(allowPrivate), List.of(), TIMEOUT), tls, Optional.empty());
        closing.add(client);
        WebhookUrlPolicy urls = new WebhookUrlPolicy(true, new AddressPolicy(true));
        OAuth2Tokens tokens = new OAuth2Tokens(new OAuth2TokenClient(client, urls, TIMEOUT, clock,
                metrics::tokenRequested), clock);
        EndpointExchange exchange = new EndpointExchange(client, new ClientIdentities(tls, clock), tokens, TIMEOUT);
        return new DeliveryAttempter(exchange, new AttemptClassifier(clock, Duration.ofHours(1)), metrics, clock, urls);
    }

    private static DeliveryAttempter.Result attempt(DeliveryAttempter attempter, Subscription webhook,
                                                    Instant eventTimestamp) throws Exception {
        return attempt(attempter, webhook, eventTimestamp, false);
    }

    private static DeliveryAttempter.Result attempt(DeliveryAttempter attempter, Subscription webhook,
                                                    Instant eventTimestamp, boolean replayed) throws Exception {
        Event event = new Event("evt_1", "task.created", eventTimestamp, "ws_1", (ObjectNode) Json.mapper().createObjectNode());
        return attempter.attempt(new Delivery(webhook.id(), "ws_1", event), webhook, replayed).get(30, TimeUnit.SECONDS);
    }

    private Subscription webhook(String url, OAuth2ClientCredentials oauth2) {
        Instant now = clock.instant();
        return new Subscription("webhook_1", "ws_1", url, List.of("*"), Map.of(),
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true, null, null, now, now, List.of(), 1, null, null, null,
                null, oauth2);
    }
}
