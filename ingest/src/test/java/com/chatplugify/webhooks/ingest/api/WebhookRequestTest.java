package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    @Test
    void shouldShowNoSecretHeaderValueOrUrlTokenInToString() {
        WebhookRequest request = new WebhookRequest("webhook_1", "ws_1", "https://hooks.example.com/t/s3cr3t-path",
                List.of("*"), Map.of("Authorization", "Bearer h3ad3r"), "whsec_s3cr3t", true, null, null, null, null,
                new ClientCertificate("-----BEGIN CERTIFICATE-----c3rt", "-----BEGIN PRIVATE KEY-----k3y"),
                new OAuth2ClientCredentials("https://auth.example.com/t0k3n-path", "client-1", "cl13nt-s3cr3t", null, null));

        assertThat(request.toString()).contains("webhook_1").contains("Authorization").contains("hooks.example.com")
                .doesNotContain("s3cr3t").doesNotContain("h3ad3r").doesNotContain("c3rt").doesNotContain("k3y")
                .doesNotContain("t0k3n").doesNotContain("cl13nt").contains("auth.example.com").contains("client-1");
    }
}
