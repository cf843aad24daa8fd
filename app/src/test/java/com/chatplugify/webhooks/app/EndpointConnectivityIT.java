package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Authority;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Issued;
import com.chatplugify.webhooks.testing.tls.TestCertificates.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Endpoints that need more than a header, end to end: a webhook created through the API with a client certificate or
 * OAuth 2.0 client credentials, an event published through the API, routed, and delivered. The endpoints are real TLS
 * servers on 127.0.0.1 with certificates made here, the authorization server a real one (NAV's mock-oauth2-server).
 */
class EndpointConnectivityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ISSUER = "webhooks";
    private static final Authority CLIENTS = TestCertificates.authority("Webhook clients CA");
    private static final Issued SERVER = TestSystem.RECEIVERS.server("127.0.0.1");

    private final ApiClient api = TestSystem.api();
    private final String workspace = "ws_" + UUID.randomUUID();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    @Test
    void shouldPresentTheClientCertificateGivenThroughTheApiToAnEndpointThatRequiresOne() throws Exception {
        RecordingReceiver receiver = receiver(RecordingReceiver.https(SERVER.serverContext(CLIENTS), true));
        Issued alice = CLIENTS.client("alice", KeyKind.EC);
        String webhookId = create(receiver, Map.of("clientCertificate", Map.of(
                "certificate", alice.certificatePem(), "privateKey", alice.privateKeyPem())));

        String eventId = publish();

        RecordingReceiver.Received request = await().atMost(WAIT).until(receiver::received, r -> !r.isEmpty()).get(0);
        assertThat(request.clientCertificate()).isEqualTo("CN=alice");
        assertThat(request.header("webhook-id")).isEqualTo(eventId);
        assertThat(Json.mapper().readTree(request.body()).get("webhookId").textValue()).isEqualTo(webhookId);
        JsonNode shown = api.get("/v1/webhooks/" + webhookId).json().get("clientCertificate");
        assertThat(shown.get("certificate").textValue()).isEqualTo("********");
        assertThat(shown.get("privateKey").textValue()).isEqualTo("********");
    }

    @Test
    void shouldFailTheAttemptsOfAWebhookWithoutACertificateAtAnEndpointThatRequiresOne() throws Exception {
        RecordingReceiver receiver = receiver(RecordingReceiver.https(SERVER.serverContext(CLIENTS), true));
        create(receiver, Map.of());

        String eventId = publish();

        JsonNode attempt = await().atMost(WAIT).until(() -> api.get("/v1/events/" + eventId + "/attempts").json()
                .get("data"), attempts -> attempts.size() >= 1).get(0);
        assertThat(attempt.get("outcome").textValue()).isEqualTo("failed");
        assertThat(attempt.path("status").isIntegralNumber()).as("no HTTP status: the handshake failed").isFalse();
        assertThat(attempt.get("error").textValue()).isNotBlank();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldSendTheTokenTheAuthorizationServerIssuedForTheClientCredentialsGivenThroughTheApi() throws Exception {
        MockOAuth2Server authorization = new MockOAuth2Server();
        authorization.start(InetAddress.getLoopbackAddress(), 0);
        closing.add(authorization::shutdown);
        RecordingReceiver receiver = receiver(RecordingReceiver.https(SERVER.serverContext(CLIENTS), false));
        // The server names itself localhost; the deliverer reaches it at the address it listens on.
        String tokenUrl = authorization.tokenEndpointUrl(ISSUER).toString().replace("//localhost:", "//127.0.0.1:");
        Map<String, Object> oauth2 = new LinkedHashMap<>();
        oauth2.put("tokenUrl", tokenUrl);
        oauth2.put("clientId", "crm-sync");
        oauth2.put("clientSecret", "s3cr3t");
        oauth2.put("scope", "webhooks:receive");
        String webhookId = create(receiver, Map.of("oauth2", oauth2));

        publish();

        RecordingReceiver.Received request = await().atMost(WAIT).until(receiver::received, r -> !r.isEmpty()).get(0);
        String bearer = request.header("Authorization");
        assertThat(bearer).startsWith("Bearer ");
        SignedJWT token = SignedJWT.parse(bearer.substring("Bearer ".length()));
        RSAKey key = (RSAKey) JWKSet.load(new URL(authorization.jwksUrl(ISSUER).toString())).getKeys().get(0);
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("crm-sync");
        JsonNode shown = api.get("/v1/webhooks/" + webhookId).json().get("oauth2");
        assertThat(shown.get("clientId").textValue()).isEqualTo("crm-sync");
        assertThat(shown.get("clientSecret").textValue()).isEqualTo("********");
    }

    private RecordingReceiver receiver(RecordingReceiver receiver) {
        closing.add(receiver);
        return receiver;
    }

    /** Creates a webhook for task events with {@code connectivity}, and waits until the router routes with it. */
    private String create(RecordingReceiver receiver, Map<String, Object> connectivity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workspaceId", workspace);
        body.put("url", receiver.url("/hooks"));
        body.put("events", List.of("task.*"));
        body.putAll(connectivity);
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").textValue();
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(id));
        return id;
    }

    private String publish() {
        ApiClient.Response accepted = api.post("/v1/events", """
                {"event":"task.created","workspaceId":"%s","data":{"id":"task_1"}}""".formatted(workspace));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("id").textValue();
    }
}
