package com.chatplugify.webhooks.ingest.owner;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.CommandResult.Status;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.ingest.webhooks.SecretRotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of every change to a webhook, as the owner applies them to its current state. */
class CommandApplierTest {

    private static final Instant CREATED = Instant.parse("2024-01-15T10:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private static final Instant LATER = NOW.plusSeconds(10);

    private final CommandApplier applier = new CommandApplier(new SecretRotation(Duration.ofHours(1)));

    @Test
    void shouldCreateAWebhookAtVersionOne() {
        Decision decision = applier.apply(SubscriptionCommand.create(requested("whsec_new", true), LATER),
                Optional.empty(), NOW);

        assertThat(decision.write()).isEqualTo(Decision.Write.PUT);
        assertThat(decision.status()).isEqualTo(Status.APPLIED);
        assertThat(decision.webhook().version()).isEqualTo(1);
        assertThat(decision.webhook().createdAt()).isEqualTo(NOW);
        assertThat(decision.webhook().updatedAt()).isEqualTo(NOW);
        assertThat(decision.webhook().secret()).isEqualTo("whsec_new");
    }

    @Test
    void shouldApplyAWorkspaceTokensChangeOnlyToAWebhookStillInItsWorkspace() {
        List<SubscriptionCommand> commands = List.of(
                SubscriptionCommand.replace(requested(null, true), null, LATER),
                SubscriptionCommand.delete("webhook_1", null, LATER),
                SubscriptionCommand.rotateSecret("webhook_1", "whsec_rotated", null, LATER));

        for (SubscriptionCommand command : commands) {
            Decision elsewhere = applier.apply(command.inWorkspace("ws_2"), Optional.of(existing(4, true)), NOW);
            Decision own = applier.apply(command.inWorkspace("ws_1"), Optional.of(existing(4, true)), NOW);

            assertThat(elsewhere.status()).as(command.kind().name()).isEqualTo(Status.NOT_FOUND);
            assertThat(elsewhere.write()).isEqualTo(Decision.Write.NOTHING);
            assertThat(own.status()).as(command.kind().name()).isEqualTo(Status.APPLIED);
        }
    }

    @Test
    void shouldRefuseToCreateAWebhookWhoseIdIsTaken() {
        Decision decision = applier.apply(SubscriptionCommand.create(requested("whsec_new", true), LATER),
                Optional.of(existing(4, true)), NOW);

        assertThat(decision.write()).isEqualTo(Decision.Write.NOTHING);
        assertThat(decision.status()).isEqualTo(Status.EXISTS);
        assertThat(decision.version()).isEqualTo(4);
    }

    @Test
    void shouldReplaceTheSettingsAndKeepCreationTimeSecretAndRetiringSecrets() {
        Decision decision = applier.apply(SubscriptionCommand.replace(requested(null, true), null, LATER),
                Optional.of(existing(4, true)), NOW);

        Subscription replaced = decision.webhook();
        assertThat(decision.status()).isEqualTo(Status.APPLIED);
        assertThat(replaced.version()).isEqualTo(5);
        assertThat(replaced.url()).isEqualTo("https://example.com/new");
        assertThat(replaced.description()).isEqualTo("new");
        assertThat(replaced.createdAt()).isEqualTo(CREATED);
        assertThat(replaced.updatedAt()).isEqualTo(NOW);
        assertThat(replaced.secret()).isEqualTo("whsec_old");
        assertThat(replaced.retiringSecrets()).extracting(Subscription.RetiringSecret::secret).containsExactly("whsec_older");
    }

    @Test
    void shouldSignOnlyWithTheNewSecretAfterAReplaceThatGivesOneFollowingARotation() {
        Decision rotated = applier.apply(SubscriptionCommand.rotateSecret("webhook_1", "whsec_rotated", null, LATER),
                Optional.of(existing(4, true)), NOW);
        Decision replaced = applier.apply(SubscriptionCommand.replace(requested("whsec_replacing", true), null, LATER),
                Optional.of(rotated.webhook()), NOW.plusSeconds(1));

        assertThat(rotated.webhook().retiringSecrets()).extracting(Subscription.RetiringSecret::secret)
                .containsExactlyInAnyOrder("whsec_old", "whsec_older");
        assertThat(replaced.status()).isEqualTo(Status.APPLIED);
        assertThat(replaced.webhook().secret()).isEqualTo("whsec_replacing");
        assertThat(replaced.webhook().retiringSecrets()).isEmpty();
        assertThat(replaced.webhook().signingSecrets(NOW.plusSeconds(2))).containsExactly("whsec_replacing");
    }

    @Test
    void shouldEndTheRetiringSecretsWhenAReplaceGivesTheCurrentSecretAgain() {
        Decision replaced = applier.apply(SubscriptionCommand.replace(requested("whsec_old", true), null, LATER),
                Optional.of(existing(4, true)), NOW);

        assertThat(replaced.webhook().secret()).isEqualTo("whsec_old");
        assertThat(replaced.webhook().retiringSecrets()).isEmpty();
    }

    @Test
    void shouldApplyAWriteOnlyToTheVersionItsIfMatchNames() {
        Optional<Subscription> current = Optional.of(existing(4, true));

        assertThat(applier.apply(SubscriptionCommand.replace(requested(null, true), 4L, LATER), current, NOW).status())
                .isEqualTo(Status.APPLIED);
        for (SubscriptionCommand stale : List.of(SubscriptionCommand.replace(requested(null, true), 3L, LATER),
                SubscriptionCommand.delete("webhook_1", 3L, LATER),
                SubscriptionCommand.rotateSecret("webhook_1", "whsec_newer", 5L, LATER),
                SubscriptionCommand.disable("webhook_1", 3, DisableReason.ENDPOINT_GONE))) {
            Decision decision = applier.apply(stale, current, NOW);
            assertThat(decision.status()).as(stale.kind().name()).isEqualTo(Status.VERSION_MISMATCH);
            assertThat(decision.write()).isEqualTo(Decision.Write.NOTHING);
            assertThat(decision.version()).isEqualTo(4);
        }
    }

    @Test
    void shouldFindNothingToChangeInAWebhookThatDoesNotExist() {
        for (SubscriptionCommand command : List.of(SubscriptionCommand.replace(requested(null, true), null, LATER),
                SubscriptionCommand.delete("webhook_1", null, LATER),
                SubscriptionCommand.rotateSecret("webhook_1", "whsec_newer", null, LATER),
                SubscriptionCommand.disable("webhook_1", 4, DisableReason.ENDPOINT_GONE))) {
            Decision decision = applier.apply(command, Optional.empty(), NOW);
            assertThat(decision.status()).as(command.kind().name()).isEqualTo(Status.NOT_FOUND);
            assertThat(decision.write()).isEqualTo(Decision.Write.NOTHING);
        }
    }

    @Test
    void shouldDeleteWithATombstone() {
        Decision decision = applier.apply(SubscriptionCommand.delete("webhook_1", 4L, LATER),
                Optional.of(existing(4, true)), NOW);

        assertThat(decision.write()).isEqualTo(Decision.Write.TOMBSTONE);
        assertThat(decision.status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void shouldRotateTheSecretOfTheCurrentVersion() {
        Decision decision = applier.apply(SubscriptionCommand.rotateSecret("webhook_1", "whsec_newer", null, LATER),
                Optional.of(existing(4, true)), NOW);

        assertThat(decision.webhook().version()).isEqualTo(5);
        assertThat(decision.webhook().secret()).isEqualTo("whsec_newer");
        assertThat(decision.webhook().retiringSecrets()).extracting(Subscription.RetiringSecret::secret)
                .containsExactlyInAnyOrder("whsec_old", "whsec_older");
        assertThat(decision.webhook().url()).isEqualTo("https://example.com/old");
    }

    @Test
    void shouldDisableTheVersionThatAnswered410WithItsReason() {
        Decision decision = applier.apply(SubscriptionCommand.disable("webhook_1", 4, DisableReason.ENDPOINT_GONE),
                Optional.of(existing(4, true)), NOW);

        assertThat(decision.write()).isEqualTo(Decision.Write.PUT);
        assertThat(decision.webhook().enabled()).isFalse();
        assertThat(decision.webhook().disabledReason()).isEqualTo("endpoint_gone");
        assertThat(decision.webhook().version()).isEqualTo(5);
        assertThat(decision.webhook().secret()).isEqualTo("whsec_old");
    }

    @Test
    void shouldLeaveADisabledWebhookAsItIs() {
        Decision decision = applier.apply(SubscriptionCommand.disable("webhook_1", 4, DisableReason.ENDPOINT_GONE),
                Optional.of(existing(4, false)), NOW);

        assertThat(decision.write()).isEqualTo(Decision.Write.NOTHING);
        assertThat(decision.status()).isEqualTo(Status.UNCHANGED);
    }

    @Test
    void shouldKeepWhyThePlatformDisabledAWebhookOnlyWhileItStaysDisabled() {
        Subscription gone = existing(4, true).disabled("endpoint_gone", NOW);

        Subscription edited = applier.apply(SubscriptionCommand.replace(requested(null, false), null, LATER),
                Optional.of(gone), NOW).webhook();
        Subscription enabled = applier.apply(SubscriptionCommand.replace(requested(null, true), null, LATER),
                Optional.of(gone), NOW).webhook();

        assertThat(edited.disabledReason()).isEqualTo("endpoint_gone");
        assertThat(enabled.disabledReason()).isNull();
        assertThat(enabled.enabled()).isTrue();
    }

    @Test
    void shouldKeepTheValueTheWebhookHasWhenTheMaskIsSentForIt() {
        Subscription requested = withHeaders(requested(null, true), Map.of("authorization", Redaction.MASK, "X-New", "new"));

        Decision decision = applier.apply(SubscriptionCommand.replace(requested, null, LATER),
                Optional.of(existing(4, true)), NOW);

        assertThat(decision.webhook().headers()).isEqualTo(Map.of("authorization", "Bearer x", "X-New", "new"));
    }

    @Test
    void shouldRefuseTheMaskOfAHeaderTheWebhookDoesNotHave() {
        Subscription requested = withHeaders(requested("whsec_new", true), Map.of("X-Unknown", Redaction.MASK));

        Decision replaced = applier.apply(SubscriptionCommand.replace(requested, null, LATER),
                Optional.of(existing(4, true)), NOW);
        Decision created = applier.apply(SubscriptionCommand.create(requested, LATER), Optional.empty(), NOW);

        for (Decision decision : List.of(replaced, created)) {
            assertThat(decision.status()).isEqualTo(Status.INVALID);
            assertThat(decision.write()).isEqualTo(Decision.Write.NOTHING);
            assertThat(decision.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("headers");
                assertThat(violation.message()).contains("X-Unknown");
            });
        }
    }

    @Test
    void shouldRefuseACommandAfterItsExpiry() {
        Decision decision = applier.apply(SubscriptionCommand.replace(requested(null, true), null, NOW.minusMillis(1)),
                Optional.of(existing(4, true)), NOW);

        assertThat(decision.status()).isEqualTo(Status.EXPIRED);
        assertThat(decision.write()).isEqualTo(Decision.Write.NOTHING);
    }

    private static Subscription requested(String secret, boolean enabled) {
        return new Subscription("webhook_1", "ws_1", "https://example.com/new", List.of("*"), Map.of(), secret,
                enabled, "new", null, null, null, List.of(), 0, null, null, null, null, null);
    }

    private static Subscription withHeaders(Subscription requested, Map<String, String> headers) {
        return new Subscription(requested.id(), requested.workspaceId(), requested.url(), requested.events(), headers,
                requested.secret(), requested.enabled(), requested.description(), null, null, null, List.of(), 0, null, null, null, null, null);
    }

    private static Subscription existing(long version, boolean enabled) {
        return new Subscription("webhook_1", "ws_1", "https://example.com/old", List.of("task.*"),
                Map.of("Authorization", "Bearer x"), "whsec_old", enabled, "old", null, CREATED, CREATED,
                List.of(new Subscription.RetiringSecret("whsec_older", NOW.plusSeconds(600))), version, null, null, null, null, null);
    }
}
