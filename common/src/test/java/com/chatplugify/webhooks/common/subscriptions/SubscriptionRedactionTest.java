package com.chatplugify.webhooks.common.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubscriptionRedactionTest {

    @Test
    void shouldReplacePlaintextSecretsAndHeaderValuesOnly() {
        String record = "{\"id\":\"webhook_1\",\"workspaceId\":\"ws\",\"url\":\"ftp://x\",\"secret\":\"whsec_plain\","
                + "\"headers\":{\"Authorization\":\"Bearer plain\"},\"retiringSecrets\":[{\"secret\":\"whsec_old\","
                + "\"expiresAt\":\"2026-01-01T00:00:00Z\"}],\"description\":\"kept\"}";

        SubscriptionRedaction.Redacted copy = SubscriptionRedaction.of(bytes(record));

        assertThat(copy.outcome()).isEqualTo(SubscriptionRedaction.Outcome.SECRETS_REDACTED);
        assertThat(text(copy.value())).doesNotContain("whsec_plain").doesNotContain("Bearer plain")
                .doesNotContain("whsec_old").contains("\"Authorization\":\"[redacted]\"").contains("ftp://x")
                .contains("kept");
    }

    @Test
    void shouldReplacePlaintextClientCredentials() {
        String record = "{\"id\":\"webhook_1\",\"url\":\"ftp://x\",\"clientCertificate\":{\"certificate\":"
                + "\"-----BEGIN CERTIFICATE-----plain-cert\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----plain-key\"},"
                + "\"oauth2\":{\"tokenUrl\":\"https://auth.example.com/token\",\"clientId\":\"client-1\","
                + "\"clientSecret\":\"plain-client-secret\"}}";

        SubscriptionRedaction.Redacted copy = SubscriptionRedaction.of(bytes(record));

        assertThat(copy.outcome()).isEqualTo(SubscriptionRedaction.Outcome.SECRETS_REDACTED);
        assertThat(text(copy.value())).doesNotContain("plain-cert").doesNotContain("plain-key")
                .doesNotContain("plain-client-secret").contains("\"privateKey\":\"[redacted]\"")
                .contains("https://auth.example.com/token").contains("client-1");
    }

    @Test
    void shouldCopyARecordWithoutPlaintextSecretsByteForByte() {
        byte[] record = bytes("{ \"id\" : \"webhook_1\", \"url\": \"ftp://x\" }");

        assertThat(SubscriptionRedaction.of(record)).satisfies(copy -> {
            assertThat(copy.outcome()).isEqualTo(SubscriptionRedaction.Outcome.UNCHANGED);
            assertThat(copy.value()).isSameAs(record);
        });
    }

    @Test
    void shouldWithholdARecordHoldingMoreThanOneDocument() {
        String record = "{\"id\":\"webhook_1\",\"url\":\"ftp://x\"}{\"id\":\"webhook_1\",\"secret\":\"whsec_plain\"}";

        SubscriptionRedaction.Redacted copy = SubscriptionRedaction.of(bytes(record));

        assertThat(copy.outcome()).isEqualTo(SubscriptionRedaction.Outcome.WITHHELD);
        assertThat(copy.value()).isEmpty();
    }

    @Test
    void shouldKeepEncryptedValues() {
        SubscriptionCodec codec = SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null));
        byte[] record = codec.encode(new com.chatplugify.webhooks.common.model.Subscription("webhook_1",
                "ws", "ftp://x", java.util.List.of("*"), java.util.Map.of("X-A", "value-a"), "whsec_x", true, null, null,
                null, null, null, 1, null, null, null, null, null));

        assertThat(SubscriptionRedaction.of(record).outcome()).isEqualTo(SubscriptionRedaction.Outcome.UNCHANGED);
    }

    @Test
    void shouldWithholdAValueThatIsNotJson() {
        SubscriptionRedaction.Redacted copy = SubscriptionRedaction.of(bytes("{\"id\":\"w\",\"secret\":\"whsec_cut"));

        assertThat(copy.outcome()).isEqualTo(SubscriptionRedaction.Outcome.WITHHELD);
        assertThat(copy.value()).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
