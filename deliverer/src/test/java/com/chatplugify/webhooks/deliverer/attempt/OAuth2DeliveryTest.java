package com.chatplugify.webhooks.deliverer.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.OAuth2ClientAuthentication;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.chatplugify.webhooks.deliverer.auth.OAuth2TokenClient;
import com.chatplugify.webhooks.deliverer.auth.OAuth2Tokens;
import com.chatplugify.webhooks.deliverer.engine.MutableClock;
import com.chatplugify.webhooks.deliverer.http.ClientIdentities;
import com.chatplugify.webhooks.deliverer.http.DeliveryTls;
import com.chatplugify.webhooks.deliverer.http.EndpointResolver;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to endpoints that want an OAuth 2.0 bearer token, against a real authorization server on 127.0.0.1
 * (NAV's mock-oauth2-server, built on Nimbus): the token is fetched with the client credentials grant, sent, kept
 * until shortly before it expires, fetched once for a burst, refreshed once on a 401, and a token that cannot be had
 * fails the attempt with the reason.
 */
class OAuth2DeliveryTest {

    private static final String ISSUER = "webhooks";
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MockOAuth2Server authorization = new MockOAuth2Server();
    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    private final List<String> tokenOutcomes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private EndpointExchange exchange;

    OAuth2DeliveryTest() {
        authorization.start(InetAddress.getLoopbackAddress(), 0);
        exchange = exchange(true, TIMEOUT);
    }

    /**
     * One exchange before the tests, its outcome left aside: the first in a JVM loads the classes of the HTTP client,
     * the authorization server and its JWT library, which on a loaded machine takes longer than an attempt's deadline,
     * and no test's deadline is meant to pay for that.
     */
    @BeforeAll
    static void loadClasses() throws Exception {
        OAuth2DeliveryTest first = new OAuth2DeliveryTest();
        try {
            first.post(webhook(first.credentials(null)));
        } finally {
            first.stop();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        receiver.close();
        authorization.shutdown();
    }

    @Test
    void shouldSendATokenTheAuthorizationServerIssuedForTheClientCredentials() throws Exception {
        HttpAttempt attempt = post(webhook(credentials("webhooks:receive")));

        assertThat(attempt.status()).as(attempt.error()).isEqualTo(200);
        String authorizationHeader = receiver.received().get(0).header("Authorization");
        assertThat(authorizationHeader).startsWith("Bearer ");
        SignedJWT token = SignedJWT.parse(authorizationHeader.substring("Bearer ".length()));
        RSAKey key = (RSAKey) JWKSet.load(new URL(authorization.jwksUrl(ISSUER).toString())).getKeys().get(0);
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("client-1");
        RecordedRequest request = authorization.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getPath()).isEqualTo("/" + ISSUER + "/token");
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("client-1:s3cr%2Ft+1".getBytes(StandardCharsets.UTF_8)));
        assertThat(form(request)).containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "webhooks:receive").doesNotContainKey("client_secret");
        assertThat(tokenOutcomes).containsExactly("issued");
    }

    @Test
    void shouldSendTheCredentialsInTheFormWhenAskedTo() throws Exception {
        OAuth2ClientCredentials inForm = new OAuth2ClientCredentials(tokenUrl(), "client-1", "s3cr/t 1", null,
                OAuth2ClientAuthentication.CLIENT_SECRET_POST);

        assertThat(post(webhook(inForm)).status()).isEqualTo(200);

        RecordedRequest request = authorization.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(form(request)).containsEntry("client_id", "client-1").containsEntry("client_secret", "s3cr/t 1")
                .doesNotContainKey("scope");
    }

    @Test
    void shouldKeepTheTokenUntilShortlyBeforeItExpires() throws Exception {
        authorization.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "client-1", "JWT", List.of(), Map.of(), 120));
        Subscription webhook = webhook(credentials(null));

        assertThat(post(webhook).status()).isEqualTo(200);
        assertThat(post(webhook).status()).isEqualTo(200);
        // 120 s tokens are replaced a tenth of their lifetime before they expire: 108 s after they were issued.
        clock.advance(Duration.ofSeconds(107));
        assertThat(post(webhook).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(post(webhook).status()).isEqualTo(200);

        assertThat(tokenOutcomes).containsExactly("issued", "issued");
        List<String> sent = receiver.received().stream().map(request -> request.header("Authorization")).toList();
        assertThat(sent.subList(0, 3)).containsOnly(sent.get(0));
        assertThat(sent.get(3)).isNotEqualTo(sent.get(0));
    }

    @Test
    void shouldAskForOneTokenForABurstOfAttempts() throws Exception {
        CountDownLatch burstStarted = new CountDownLatch(1);
        authorization.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "client-1") {
            @Override
            public String subject(TokenRequest request) {
                await(burstStarted);
                return super.subject(request);
            }
        });
        Subscription webhook = webhook(credentials(null));

        List<CompletableFuture<HttpAttempt>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(exchange.post(webhook, URI.create(receiver.url("/hook")), Map.of(), BODY));
        }
        burstStarted.countDown();

        for (CompletableFuture<HttpAttempt> attempt : burst) {
            assertThat(attempt.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(tokenOutcomes).containsExactly("issued");
        assertThat(receiver.received()).hasSize(50).extracting(request -> request.header("Authorization"))
                .containsOnly(receiver.received().get(0).header("Authorization"));
    }

    @Test
    void shouldFetchANewTokenOnceWhenTheEndpointAnswers401() throws Exception {
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        receiver.answer(request -> revoked.isEmpty() && revoked.add(request.header("Authorization"))
                ? Reply.status(401) : Reply.status(200));

        HttpAttempt attempt = post(webhook(credentials(null)));

        assertThat(attempt.status()).as(attempt.error()).isEqualTo(200);
        assertThat(tokenOutcomes).containsExactly("issued", "issued");
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).header("Authorization")).isNotIn(revoked);
    }

    @Test
    void shouldCountA401ToTheNewTokenAsTheAttemptsFailure() throws Exception {
        receiver.answer(request -> Reply.status(401));

        HttpAttempt attempt = post(webhook(credentials(null)));

        assertThat(attempt.status()).isEqualTo(401);
        assertThat(tokenOutcomes).containsExactly("issued", "issued");
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void shouldFailTheAttemptWithWhatTheTokenEndpointSaid() throws Exception {
        authorization.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "client-1") {
            @Override
            public String subject(TokenRequest request) {
                throw new OAuth2Exception(OAuth2Error.INVALID_CLIENT, "client authentication failed");
            }
        });

        HttpAttempt attempt = post(webhook(credentials(null)));

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.error()).startsWith("OAuth 2.0 token request to http://127.0.0.1:"
                + authorization.baseUrl().port() + "/...: HTTP 401 invalid_client (");
        assertThat(receiver.received()).isEmpty();
        assertThat(tokenOutcomes).containsExactly("failed");
        // Nothing is kept from a failure: the next attempt asks again, and gets a token.
        assertThat(post(webhook(credentials(null))).status()).isEqualTo(200);
    }

    @Test
    void shouldAskAgainWhenTheCredentialsChange() throws Exception {
        String webhookId = "webhook_changing";

        assertThat(post(webhook(webhookId, credentials(null))).status()).isEqualTo(200);
        assertThat(post(webhook(webhookId, credentials("webhooks:receive"))).status()).isEqualTo(200);

        assertThat(tokenOutcomes).containsExactly("issued", "issued");
    }

    @Test
    void shouldEndWithinTheDeadlineWhenTheTokenEndpointNeverAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingReceiver hung = RecordingReceiver.start().answer(request -> {
            await(release);
            return Reply.status(200);
        });
        closing.add(hung);
        closing.add(release::countDown);
        exchange = exchange(true, Duration.ofMillis(800));

        HttpAttempt attempt = post(webhook(new OAuth2ClientCredentials(hung.url("/token"), "client-1", "s", null, null)));

        assertThat(attempt.responded()).isFalse();
        assertThat(attempt.error()).contains("OAuth 2.0 token").contains("timed out after 800 ms");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldRefuseATokenUrlDeliveryMayNotCall() throws Exception {
        exchange = exchange(false, TIMEOUT);

        HttpAttempt attempt = post(webhook(credentials(null)));

        assertThat(attempt.refused()).isTrue();
        assertThat(attempt.error()).startsWith("OAuth 2.0 token URL http://127.0.0.1:").contains("scheme 'http' refused");
        // Refused before anything is sent: no time spent, no token request made.
        assertThat(attempt.latency()).isZero();
        assertThat(tokenOutcomes).containsExactly("refused");
    }

    @Test
    void shouldSayWhatIsWrongWithAnAnswerThatHoldsNoToken() throws Exception {
        RecordingReceiver fake = RecordingReceiver.start();
        closing.add(fake);
        Subscription webhook = webhook(new OAuth2ClientCredentials(fake.url("/token"), "client-1", "s", null, null));
        Map<String, String> json = Map.of("Content-Type", "application/json");
        List<Reply> answers = List.of(new Reply(200, Map.of(), "<html>login</html>"),
                new Reply(200, json, "{\"token_type\":\"Bearer\"}"),
                new Reply(200, json, "{\"access_token\":\"t0k3n\",\"token_type\":\"mac\"}"),
                new Reply(200, json, "{\"access_token\":\"t0k3n\",\"expires_in\":\"soon\"}"),
                new Reply(200, json, "{\"access_token\":\"bad\\r\\ntoken\"}"),
                new Reply(200, json, "[" + "1,".repeat(40_000) + "1]"),
                new Reply(302, Map.of("Location", "https://elsewhere.example/token"), ""));
        List<String> expected = List.of("the answer is not a JSON object", "no access_token",
                "token_type mac is not supported", "expires_in is not a number", "no access_token",
                "the answer is longer than 64 KiB", "HTTP 302");

        for (int i = 0; i < answers.size(); i++) {
            Reply answer = answers.get(i);
            fake.answer(request -> answer);
            HttpAttempt attempt = post(webhook);
            assertThat(attempt.responded()).isFalse();
            assertThat(attempt.error()).contains(expected.get(i)).doesNotContain("t0k3n");
        }
        assertThat(receiver.received()).isEmpty();
    }

    private EndpointExchange exchange(boolean allowHttp, Duration timeout) {
        DeliveryTls tls = new DeliveryTls(DeliveryTls.jvmTrust());
        WebhookHttpClient client = new WebhookHttpClient(timeout, 100, new EndpointResolver(new AddressPolicy(true),
                List.of(), timeout), tls, Optional.empty());
        closing.add(0, client);
        OAuth2Tokens tokens = new OAuth2Tokens(new OAuth2TokenClient(client,
                new WebhookUrlPolicy(allowHttp, new AddressPolicy(true)), timeout, clock,
                tokenOutcomes::add), clock);
        return new EndpointExchange(client, new ClientIdentities(tls, clock), tokens, timeout);
    }

    private HttpAttempt post(Subscription webhook) throws Exception {
        return exchange.post(webhook, URI.create(receiver.url("/hook")), Map.of(), BODY).get(10, TimeUnit.SECONDS);
    }

    private String tokenUrl() {
        // The server names itself localhost; the test talks to it at the address it listens on.
        return authorization.tokenEndpointUrl(ISSUER).toString().replace("//localhost:", "//127.0.0.1:");
    }

    private OAuth2ClientCredentials credentials(String scope) {
        return new OAuth2ClientCredentials(tokenUrl(), "client-1", "s3cr/t 1", scope, null);
    }

    private static Subscription webhook(OAuth2ClientCredentials oauth2) {
        return webhook("webhook_oauth2", oauth2);
    }

    private static Subscription webhook(String id, OAuth2ClientCredentials oauth2) {
        Instant now = Instant.now();
        return new Subscription(id, "ws_1", "http://127.0.0.1/hook", List.of("*"), Map.of(), "whsec_x", true, null,
                null, now, now, List.of(), 1, null, null, null, null, oauth2);
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : request.getBody().readUtf8().split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
