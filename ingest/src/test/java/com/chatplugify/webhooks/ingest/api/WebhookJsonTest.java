package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookJsonTest {

    private static final Instant ROTATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant OLD_SECRET_STOPS = ROTATED.plusSeconds(3600);

    @Test
    void shouldShowWhenTheRetiringSecretsStopSigningOnlyWhileOneStillSigns() {
        Subscription rotated = new Subscription("webhook_1", "ws_1", "https://example.com/hooks", List.of("*"), Map.of(),
                "whsec_new", true, null, null, ROTATED, ROTATED,
                List.of(new Subscription.RetiringSecret("whsec_old", OLD_SECRET_STOPS)), 2, null, null, null, null, null);

        assertThat(WebhookJson.of(rotated, false, OLD_SECRET_STOPS.minusMillis(1)))
                .containsEntry("retiringSecretsExpireAt", List.of(OLD_SECRET_STOPS));
        assertThat(WebhookJson.of(rotated, false, OLD_SECRET_STOPS)).doesNotContainKey("retiringSecretsExpireAt");
        assertThat(WebhookJson.of(rotated, false, OLD_SECRET_STOPS.minusMillis(1)).toString()).doesNotContain("whsec_");
    }
}
