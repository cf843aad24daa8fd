package com.chatplugify.webhooks.common.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientAuthentication;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.secrets.SecretCipher;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionCodecTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_A = SecretKeys.generate("key-a", RANDOM);
    private static final String KEY_B = SecretKeys.generate("key-b", RANDOM);
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String RETIRING = "whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZC1zZWNy";
    private static final String AUTHORIZATION = "Bearer s3cr3t-header-value";
    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

    private final SubscriptionCodec withA = codec(KEY_A, null);
    private final Subscription webhook = new Subscription("webhook_1", "ws_1", "https://example.com/hooks?token=t0k3n",
            List.of("*"), Map.of("Authorization", AUTHORIZATION, "X-Other", "other-value"), SECRET, true, "CRM", null,
            NOW, NOW, List.of(new Subscription.RetiringSecret(RETIRING, NOW.plusSeconds(3600))), 1, null, null, null, null, null);

    @Test
    void shouldEncryptEverySecretValueAndReadItBack() {
        byte[] stored = withA.encode(webhook);

        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(SECRET).doesNotContain(RETIRING).doesNotContain(AUTHORIZATION)
                .doesNotContain("other-value").doesNotContain(SECRET.substring(6)).doesNotContain("s3cr3t")
                .contains("\"Authorization\"").contains("enc:v1:key-a:").contains("https://example.com/hooks");
        SubscriptionCodec.Decoded decoded = withA.decode(stored);
        assertThat(decoded.subscription()).isEqualTo(webhook);
        assertThat(decoded.storage()).isEqualTo(SubscriptionCodec.Storage.CURRENT_KEY);
    }

    @Test
    void shouldEncryptTheClientCertificateItsKeyAndTheOAuth2ClientSecret() {
        String certificate = "-----BEGIN CERTIFICATE-----\nMIIcertificate-body\n-----END CERTIFICATE-----\n";
        String key = "-----BEGIN PRIVATE KEY-----\nMIIkey-body\n-----END PRIVATE KEY-----\n";
        Subscription connected = new Subscription("webhook_2", "ws_1", "https://example.com/hooks", List.of("*"),
                Map.of(), SECRET, true, null, null, NOW, NOW, List.of(), 1, null, null, null,
                new ClientCertificate(certificate, key), new OAuth2ClientCredentials("https://auth.example.com/token",
                "client-1", "oauth-client-secret", "webhooks:write", OAuth2ClientAuthentication.CLIENT_SECRET_POST));

        byte[] stored = withA.encode(connected);

        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("certificate-body")
                .doesNotContain("key-body").doesNotContain("oauth-client-secret").doesNotContain("BEGIN")
                .contains("https://auth.example.com/token").contains("client-1").contains("webhooks:write")
                .contains("client_secret_post");
        assertThat(withA.decode(stored).subscription()).isEqualTo(connected);
        assertThat(withA.decode(stored).storage()).isEqualTo(SubscriptionCodec.Storage.CURRENT_KEY);
    }

    @Test
    void shouldBindEachClientCredentialToItsField() throws Exception {
        ClientCertificate pem = new ClientCertificate("certificate-pem", "key-pem");
        Subscription connected = new Subscription("webhook_3", "ws_1", "https://example.com/hooks", List.of("*"),
                Map.of(), SECRET, true, null, null, NOW, NOW, List.of(), 1, null, null, null, pem,
                new OAuth2ClientCredentials("https://auth.example.com/token", "client-1", "client-secret", null, null));
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(withA.encode(connected));
        ObjectNode certificate = (ObjectNode) stored.get("clientCertificate");
        // The key's ciphertext moved into the certificate and the OAuth2 client secret: neither opens.
        certificate.set("certificate", certificate.get("privateKey"));
        ((ObjectNode) stored.get("oauth2")).set("clientSecret", certificate.get("privateKey"));

        SubscriptionCodec.Decoded decoded = withA.decode(Json.toBytes(stored));

        assertThat(decoded.storage()).isEqualTo(SubscriptionCodec.Storage.UNREADABLE);
        assertThat(decoded.subscription().clientCertificate().privateKey()).isEqualTo("key-pem");
        assertThat(SecretCipher.isSealed(decoded.subscription().clientCertificate().certificate())).isTrue();
        assertThat(SecretCipher.isSealed(decoded.subscription().oauth2().clientSecret())).isTrue();
    }

    @Test
    void shouldUseAFreshNonceForEveryEncryption() {
        assertThat(withA.encode(webhook)).isNotEqualTo(withA.encode(webhook));
    }

    @Test
    void shouldDecryptWithAPreviousKeyAndEncryptWithTheCurrentOne() {
        byte[] old = withA.encode(webhook);
        SubscriptionCodec rotated = codec(KEY_B, KEY_A);

        SubscriptionCodec.Decoded decoded = rotated.decode(old);
        assertThat(decoded.subscription()).isEqualTo(webhook);
        assertThat(decoded.storage()).isEqualTo(SubscriptionCodec.Storage.PREVIOUS_KEY);

        byte[] rewritten = rotated.encode(decoded.subscription());
        assertThat(new String(rewritten, StandardCharsets.UTF_8)).contains("enc:v1:key-b:").doesNotContain("key-a");
        assertThat(codec(KEY_B, null).decode(rewritten).storage()).isEqualTo(SubscriptionCodec.Storage.CURRENT_KEY);
    }

    @Test
    void shouldKeepWhatNoConfiguredKeyOpensEncryptedAndWriteItBackUnchanged() {
        byte[] old = withA.encode(webhook);
        SubscriptionCodec withoutA = codec(KEY_B, null);

        SubscriptionCodec.Decoded decoded = withoutA.decode(old);
        assertThat(decoded.storage()).isEqualTo(SubscriptionCodec.Storage.UNREADABLE);
        assertThat(decoded.unreadableKeyIds()).containsExactly("key-a");
        assertThat(SecretCipher.isSealed(decoded.subscription().secret())).isTrue();
        assertThat(decoded.subscription().headers().values()).allMatch(SecretCipher::isSealed);

        byte[] disabled = withoutA.encode(decoded.subscription().disabled("endpoint_gone", NOW));
        Subscription back = withA.decode(disabled).subscription();
        assertThat(back.secret()).isEqualTo(SECRET);
        assertThat(back.headers()).isEqualTo(webhook.headers());
        assertThat(back.enabled()).isFalse();
    }

    @Test
    void shouldReadPlaintextWrittenBeforeEncryptionAndEncryptItAtTheNextWrite() {
        byte[] legacy = new JsonSerde<>(Subscription.class).serialize("t", webhook);

        SubscriptionCodec.Decoded decoded = withA.decode(legacy);
        assertThat(decoded.subscription()).isEqualTo(webhook);
        assertThat(decoded.storage()).isEqualTo(SubscriptionCodec.Storage.PLAINTEXT);
        assertThat(new String(withA.encode(decoded.subscription()), StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void shouldBindEachCiphertextToItsWebhookAndField() throws Exception {
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(withA.encode(webhook));
        String sealedHeader = stored.get("headers").get("Authorization").textValue();

        ObjectNode movedField = stored.deepCopy();
        movedField.put("secret", sealedHeader);
        assertThat(withA.decode(Json.toBytes(movedField)).storage()).isEqualTo(SubscriptionCodec.Storage.UNREADABLE);

        ObjectNode movedWebhook = stored.deepCopy();
        movedWebhook.put("id", "webhook_2");
        assertThat(withA.decode(Json.toBytes(movedWebhook)).storage()).isEqualTo(SubscriptionCodec.Storage.UNREADABLE);

        ObjectNode renamedHeader = stored.deepCopy();
        ((ObjectNode) renamedHeader.get("headers")).remove("Authorization");
        ((ObjectNode) renamedHeader.get("headers")).put("X-Forward-To-Me", sealedHeader);
        assertThat(withA.decode(Json.toBytes(renamedHeader)).storage()).isEqualTo(SubscriptionCodec.Storage.UNREADABLE);
    }

    @Test
    void shouldReportATamperedCiphertextAsUnreadable() throws Exception {
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(withA.encode(webhook));
        String sealed = stored.get("secret").textValue();
        char last = sealed.charAt(sealed.length() - 1);
        stored.put("secret", sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A'));

        assertThat(withA.decode(Json.toBytes(stored)).storage()).isEqualTo(SubscriptionCodec.Storage.UNREADABLE);
    }

    @Test
    void shouldReadButNeverWriteWithoutKeys() {
        SubscriptionCodec.Decoded decoded = SubscriptionCodec.withoutKeys().decode(withA.encode(webhook));

        assertThat(decoded.subscription().id()).isEqualTo("webhook_1");
        assertThat(decoded.subscription().events()).containsExactly("*");
        assertThatThrownBy(() -> SubscriptionCodec.withoutKeys().encode(webhook)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldShowNoSecretInToString() {
        assertThat(webhook.toString()).doesNotContain(SECRET).doesNotContain(RETIRING).doesNotContain(AUTHORIZATION)
                .doesNotContain("t0k3n").contains("webhook_1").contains("Authorization").contains("https://example.com");
    }

    @Test
    void shouldRefuseMalformedKeysWithoutQuotingThem() {
        assertThatThrownBy(() -> SecretKeys.parse("no-colon-here", null)).hasMessageNotContaining("no-colon-here");
        assertThatThrownBy(() -> SecretKeys.parse("k1:c2hvcnQ=", null)).hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> SecretKeys.parse(KEY_A, KEY_A)).hasMessageContaining("twice");
        assertThatThrownBy(() -> SecretKeys.parse("bad id!:" + KEY_A.substring(KEY_A.indexOf(':') + 1), null))
                .hasMessageContaining("key id");
    }

    private static SubscriptionCodec codec(String current, String previous) {
        return SubscriptionCodec.of(SecretKeys.parse(current, previous));
    }
}
