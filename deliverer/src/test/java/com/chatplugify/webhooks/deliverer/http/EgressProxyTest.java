package com.chatplugify.webhooks.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.deliverer.testing.TestConnectProxy;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries through a real CONNECT proxy on 127.0.0.1 (Jetty's ConnectHandler): the proxy is asked to connect to the
 * address the deliverer resolved and the address guard allowed, never to a name; TLS, the server's name and the
 * client certificate are end to end through the tunnel.
 */
class EgressProxyTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Authority SERVERS = TestCertificates.authority("Receivers CA");
    private static final Authority CLIENTS = TestCertificates.authority("Webhook clients CA");
    private static final Issued SERVER = SERVERS.server("127.0.0.1", "receiver.test");

    private final TestConnectProxy proxy = TestConnectProxy.start();
    private final TestNameServer names = TestNameServer.start().answer("receiver.test", InetAddress.getLoopbackAddress());
    private final DeliveryTls tls = new DeliveryTls(SERVERS.trustManager());
    private final RecordingReceiver plain = RecordingReceiver.start();
    private RecordingReceiver secure;
    private WebhookHttpClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (secure != null) {
            secure.close();
        }
        plain.close();
        names.close();
        proxy.close();
    }

    @Test
    void shouldTunnelToTheResolvedAddressAndKeepTlsAndTheClientCertificateEndToEnd() throws Exception {
        secure = RecordingReceiver.https(SERVER.serverContext(CLIENTS), true);
        client = client(true);
        ClientIdentity identity = new ClientIdentities(tls, Clock.systemUTC())
                .of("webhook_1", CLIENTS.client("proxied-client", KeyKind.EC).as(ClientCertificate::new)).identity();
        String url = secure.url("/hook").replace("127.0.0.1", "receiver.test");

        HttpAttempt first = send(url, identity);
        HttpAttempt second = send(url, identity);

        assertThat(first.status()).as(first.error()).isEqualTo(200);
        assertThat(second.status()).as(second.error()).isEqualTo(200);
        int port = URI.create(url).getPort();
        // Tunnels to the address, never to the name (one, or two when the first connection was not yet back in the
        // pool as the second request left).
        assertThat(proxy.connects()).isNotEmpty().hasSizeLessThanOrEqualTo(2).containsOnly("127.0.0.1:" + port);
        assertThat(secure.received()).extracting(RecordingReceiver.Received::clientCertificate)
                .containsExactly("CN=proxied-client", "CN=proxied-client");
        assertThat(secure.received().get(0).header("host")).isEqualTo("receiver.test:" + port);
    }

    @Test
    void shouldTunnelPlainHttpTooSoThatTheProxyNeverResolvesTheHost() throws Exception {
        client = client(true);
        String url = plain.url("/hook").replace("127.0.0.1", "receiver.test");

        HttpAttempt attempt = send(url, null);

        assertThat(attempt.status()).as(attempt.error()).isEqualTo(200);
        assertThat(proxy.connects()).containsExactly("127.0.0.1:" + URI.create(url).getPort());
        assertThat(plain.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/hook");
            assertThat(request.header("host")).startsWith("receiver.test:");
        });
    }

    @Test
    void shouldApplyTheAddressGuardToTheTargetThoughTheProxyIsPrivate() throws Exception {
        client = client(false);

        HttpAttempt byName = send(plain.url("/hook").replace("127.0.0.1", "receiver.test"), null);
        HttpAttempt byAddress = send(plain.url("/hook"), null);

        assertThat(byName.refused()).isTrue();
        assertThat(byName.error()).contains("receiver.test").contains("private or reserved");
        assertThat(byAddress.refused()).isTrue();
        assertThat(proxy.connects()).isEmpty();
        assertThat(plain.received()).isEmpty();
    }

    @Test
    void shouldSayWhenTheProxyRefusesTheTunnel() throws Exception {
        client = client(true);
        proxy.refuseAll();
        String url = plain.url("/hook").replace("127.0.0.1", "receiver.test");

        HttpAttempt attempt = send(url, null);

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.error()).isEqualTo("the egress proxy " + proxy.url() + " refused to tunnel to receiver.test:"
                + URI.create(url).getPort() + ": HTTP 403");
        assertThat(plain.received()).isEmpty();
    }

    @Test
    void shouldFailAnAttemptWhoseProxyIsDown() throws Exception {
        String down = proxy.url();
        proxy.close();
        client = new WebhookHttpClient(Duration.ofSeconds(2), 10, resolver(true), tls, EgressProxy.parse(down));

        HttpAttempt attempt = send(plain.url("/hook"), null);

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.error()).containsIgnoringCase("connect");
    }

    @Test
    void shouldParseOnlyAPlainHttpProxyWithHostAndPort() {
        assertThat(EgressProxy.parse("http://proxy.internal:3128")).contains(new EgressProxy("proxy.internal", 3128));
        assertThat(EgressProxy.parse(" ")).isEmpty();
        assertThat(EgressProxy.problem("https://proxy.internal:3128")).isPresent();
        assertThat(EgressProxy.problem("http://proxy.internal")).isPresent();
        assertThat(EgressProxy.problem("http://user:pw@proxy.internal:3128")).get().asString().contains("credentials");
        assertThat(EgressProxy.problem("http://proxy.internal:3128/path")).isPresent();
        assertThat(EgressProxy.problem("proxy.internal:3128")).isPresent();
    }

    private WebhookHttpClient client(boolean allowPrivate) {
        return new WebhookHttpClient(Duration.ofSeconds(5), 10, resolver(allowPrivate), tls, EgressProxy.parse(proxy.url()));
    }

    private EndpointResolver resolver(boolean allowPrivate) {
        return new EndpointResolver(new AddressPolicy(allowPrivate), List.of(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(names.address().split(":")[1]))), Duration.ofSeconds(2));
    }

    private HttpAttempt send(String url, ClientIdentity identity) throws Exception {
        String webhookId = identity == null ? "wh_test" : identity.webhookId();
        return client.send(OutboundRequest.json(webhookId, URI.create(url), Map.of(), BODY, identity),
                Deadline.in(Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
    }
}
