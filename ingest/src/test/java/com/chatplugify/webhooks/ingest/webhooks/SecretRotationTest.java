package com.chatplugify.webhooks.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Subscription.RetiringSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRotationTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private final SecretRotation rotation = new SecretRotation(Duration.ofHours(24));

    @Test
    void shouldSignWithTheNewSecretFirstAndTheOldOneUntilTheGraceEnds() {
        Subscription rotated = rotation.rotate(webhook("whsec_old", List.of()), "whsec_new", NOW);

        assertThat(rotated.secret()).isEqualTo("whsec_new");
        assertThat(rotated.updatedAt()).isEqualTo(NOW);
        assertThat(rotated.signingSecrets(NOW.plus(Duration.ofHours(23)))).containsExactly("whsec_new", "whsec_old");
        assertThat(rotated.signingSecrets(NOW.plus(Duration.ofHours(24)))).containsExactly("whsec_new");
    }

    @Test
    void shouldDropExpiredRetiringSecretsAndKeepAtMostFive() {
        List<RetiringSecret> retiring = List.of(new RetiringSecret("whsec_expired", NOW.minusSeconds(1)),
                new RetiringSecret("whsec_a", NOW.plusSeconds(10)), new RetiringSecret("whsec_b", NOW.plusSeconds(20)),
                new RetiringSecret("whsec_c", NOW.plusSeconds(30)), new RetiringSecret("whsec_d", NOW.plusSeconds(40)),
                new RetiringSecret("whsec_e", NOW.plusSeconds(50)));

        Subscription rotated = rotation.rotate(webhook("whsec_old", retiring), "whsec_new", NOW);

        assertThat(rotated.retiringSecrets()).extracting(RetiringSecret::secret)
                .containsExactly("whsec_old", "whsec_e", "whsec_d", "whsec_c", "whsec_b");
    }

    @Test
    void shouldNotKeepTheOldSecretWithoutGraceNorANewSecretAsRetiring() {
        Subscription webhook = webhook("whsec_old", List.of(new RetiringSecret("whsec_new", NOW.plusSeconds(60))));

        assertThat(new SecretRotation(Duration.ZERO).rotate(webhook, "whsec_new", NOW).retiringSecrets()).isEmpty();
        assertThat(rotation.rotate(webhook, "whsec_new", NOW).retiringSecrets()).extracting(RetiringSecret::secret)
                .containsExactly("whsec_old");
    }

    private static Subscription webhook(String secret, List<RetiringSecret> retiring) {
        return new Subscription("webhook_1", "ws_1", "https://example.com", List.of("*"), Map.of(), secret, true, null,
                null, NOW.minusSeconds(3600), NOW.minusSeconds(3600), retiring, 1, null, null, null, null, null);
    }
}
