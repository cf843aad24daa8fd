package com.chatplugify.webhooks.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.deliverer.engine.MutableClock;
import com.chatplugify.webhooks.deliverer.testing.TestNameServer;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Authority;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Issued;
import com.chatplugify.webhooks.testing.tls.TestCertificates.KeyKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client certificates against real TLS servers on 127.0.0.1 that require (or accept) them, with certificates made in
 * the test: each webhook's certificate is presented, and a connection made with one never serves another.
 */
class MutualTlsTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Authority SERVERS = TestCertificates.authority("Receivers CA");
    private static final Authority CLIENTS = TestCertificates.authority("Webhook clients CA");
    private static final Issued SERVER = SERVERS.server("127.0.0.1", "receiver.test");
    private static final Issued ALICE = CLIENTS.client("alice", KeyKind.EC);
    private static final Issued BOB = CLIENTS.client("bob", KeyKind.RSA);

    private final DeliveryTls tls = new DeliveryTls(SERVERS.trustManager());
    private final ClientIdentities identities = new ClientIdentities(tls, Clock.systemUTC());
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    @Test
    void shouldPresentTheWebhooksCertificateToAnEndpointThatRequiresOne() throws Exception {
        RecordingReceiver receiver = receiver(true);
        WebhookHttpClient client = client(List.of());

        HttpAttempt attempt = send(client, receiver.url("/hook"), identity("webhook_alice", ALICE));

        assertThat(attempt.status()).as(attempt.error()).isEqualTo(200);
        assertThat(receiver.received()).extracting(RecordingReceiver.Received::clientCertificate)
                .containsExactly("CN=alice");
    }

    @Test
    void shouldNotReachAnEndpointThatRequiresACertificateWithoutOne() throws Exception {
        RecordingReceiver receiver = receiver(true);
        WebhookHttpClient client = client(List.of());

        HttpAttempt attempt = send(client, receiver.url("/hook"), null);

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.refused()).isFalse();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldNeverUseAConnectionOfOneWebhooksCertificateForAnother() throws Exception {
        RecordingReceiver receiver = receiver(false);
        WebhookHttpClient client = client(List.of());
        ClientIdentity alice = identity("webhook_alice", ALICE);
        ClientIdentity bob = identity("webhook_bob", BOB);
        List<String> expected = new ArrayList<>();

        // One after the other, so that each request could take the connection the one before it left in the pool.
        for (int round = 0; round < 5; round++) {
            for (ClientIdentity identity : new ClientIdentity[] {alice, bob, null}) {
                assertThat(send(client, receiver.url("/hook"), identity).status()).isEqualTo(200);
                expected.add(identity == null ? null : identity == alice ? "CN=alice" : "CN=bob");
            }
        }

        List<RecordingReceiver.Received> received = receiver.received();
        assertThat(received).extracting(RecordingReceiver.Received::clientCertificate).containsExactlyElementsOf(expected);
        Set<Integer> alicePorts = ports(received, "CN=alice");
        Set<Integer> bobPorts = ports(received, "CN=bob");
        Set<Integer> anonymousPorts = ports(received, null);
        assertThat(alicePorts).doesNotContainAnyElementsOf(bobPorts).doesNotContainAnyElementsOf(anonymousPorts);
        assertThat(bobPorts).doesNotContainAnyElementsOf(anonymousPorts);
        // Each identity still keeps its connections alive: five requests, fewer connections.
        assertThat(alicePorts.size()).isLessThan(5);
        assertThat(bobPorts.size()).isLessThan(5);
    }

    @Test
    void shouldPresentANewCertificateOnANewConnectionOnceTheWebhooksCertificateChanges() throws Exception {
        RecordingReceiver receiver = receiver(false);
        WebhookHttpClient client = client(List.of());
        Issued renewed = CLIENTS.renew(ALICE, "alice-renewed");

        assertThat(send(client, receiver.url("/hook"), identity("webhook_alice", ALICE)).status()).isEqualTo(200);
        assertThat(send(client, receiver.url("/hook"), identity("webhook_alice", renewed)).status()).isEqualTo(200);

        List<RecordingReceiver.Received> received = receiver.received();
        assertThat(received).extracting(RecordingReceiver.Received::clientCertificate)
                .containsExactly("CN=alice", "CN=alice-renewed");
        assertThat(received.get(0).clientPort()).isNotEqualTo(received.get(1).clientPort());
    }

    @Test
    void shouldStillVerifyTheServersCertificateAndName() throws Exception {
        RecordingReceiver untrusted = RecordingReceiver.https(TestCertificates.authority("Unknown CA")
                .server("127.0.0.1", "receiver.test").serverContext(CLIENTS), false);
        closing.add(untrusted);
        RecordingReceiver receiver = receiver(false);
        try (TestNameServer names = TestNameServer.start().answer("receiver.test", InetAddress.getLoopbackAddress())
                .answer("elsewhere.test", InetAddress.getLoopbackAddress())) {
            WebhookHttpClient client = client(List.of(names));
            ClientIdentity alice = identity("webhook_alice", ALICE);

            HttpAttempt byName = send(client, receiver.url("/hook").replace("127.0.0.1", "receiver.test"), alice);
            HttpAttempt wrongName = send(client, receiver.url("/hook").replace("127.0.0.1", "elsewhere.test"), alice);
            HttpAttempt untrustedServer = send(client, untrusted.url("/hook"), alice);

            assertThat(byName.status()).as(byName.error()).isEqualTo(200);
            assertThat(receiver.received().get(0).header("host")).startsWith("receiver.test:");
            assertThat(wrongName.responded()).as(wrongName + " " + receiver.received()).isFalse();
            assertThat(wrongName.error()).contains("elsewhere.test");
            assertThat(untrustedServer.responded()).isFalse();
            assertThat(untrustedServer.error()).containsIgnoringCase("certificat");
            assertThat(receiver.received()).hasSize(1);
            assertThat(untrusted.received()).isEmpty();
        }
    }

    @Test
    void shouldRefuseACertificateItCannotPresentNamingWhy() {
        Issued expired = CLIENTS.client("expired", KeyKind.EC, Instant.now().minus(Duration.ofDays(2)),
                Instant.now().minus(Duration.ofDays(1)));

        ClientIdentities.Lookup lookup = identities.of("webhook_expired", expired.as(ClientCertificate::new));

        assertThat(lookup.identity()).isNull();
        assertThat(lookup.problem()).contains("client certificate").contains("expired");
    }

    @Test
    void shouldRefuseAKeptCertificateOnceItHasExpired() {
        Instant start = Instant.now();
        Issued expiring = CLIENTS.client("expiring", KeyKind.EC, start.minus(Duration.ofHours(1)),
                start.plus(Duration.ofMinutes(1)));
        MutableClock clock = new MutableClock(start);
        ClientIdentities kept = new ClientIdentities(tls, clock);
        assertThat(kept.of("webhook_expiring", expiring.as(ClientCertificate::new)).problem()).isNull();

        clock.advance(Duration.ofMinutes(2));
        ClientIdentities.Lookup lookup = kept.of("webhook_expiring", expiring.as(ClientCertificate::new));

        assertThat(lookup.identity()).isNull();
        assertThat(lookup.problem()).contains("expired");
    }

    private RecordingReceiver receiver(boolean requireClientCertificate) throws Exception {
        RecordingReceiver receiver = RecordingReceiver.https(SERVER.serverContext(CLIENTS), requireClientCertificate);
        closing.add(receiver);
        return receiver;
    }

    private WebhookHttpClient client(List<TestNameServer> names) {
        List<InetSocketAddress> servers = names.stream()
                .map(name -> new InetSocketAddress("127.0.0.1", Integer.parseInt(name.address().split(":")[1]))).toList();
        Duration timeout = Duration.ofSeconds(5);
        WebhookHttpClient client = new WebhookHttpClient(timeout, 10,
                new EndpointResolver(new AddressPolicy(true), servers, timeout), tls, Optional.empty());
        closing.add(0, client);
        return client;
    }

    private ClientIdentity identity(String webhookId, Issued certificate) {
        ClientIdentities.Lookup lookup = identities.of(webhookId, certificate.as(ClientCertificate::new));
        assertThat(lookup.problem()).isNull();
        return lookup.identity();
    }

    private static HttpAttempt send(WebhookHttpClient client, String url, ClientIdentity identity) throws Exception {
        String webhookId = identity == null ? "wh_test" : identity.webhookId();
        return client.send(OutboundRequest.json(webhookId, URI.create(url), Map.of(), BODY, identity),
                Deadline.in(Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
    }

    private static Set<Integer> ports(List<RecordingReceiver.Received> received, String subject) {
        Set<Integer> ports = new HashSet<>();
        received.stream().filter(request -> java.util.Objects.equals(request.clientCertificate(), subject))
                .forEach(request -> ports.add(request.clientPort()));
        return ports;
    }
}
