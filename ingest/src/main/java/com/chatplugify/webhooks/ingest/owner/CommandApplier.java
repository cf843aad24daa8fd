package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.CommandResult.Status;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.ingest.webhooks.SecretRotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of every change to a webhook, applied by the owner to the webhook's current state: whether the command
 * applies (it exists, or not for a creation; it is at the command's version; the command has not expired) and what
 * the webhook becomes (a header value, client certificate part or client secret sent as the mask keeps the current
 * value, see {@link MaskedHeaders} and {@link MaskedCredentials}). Each accepted change gives the webhook the next version; {@code createdAt} comes from its
 * creation and {@code updatedAt} from the owner's clock.
 */
public final class CommandApplier {

    private final SecretRotation rotation;

    public CommandApplier(SecretRotation rotation) {
        this.rotation = rotation;
    }

    Decision apply(SubscriptionCommand command, Optional<Subscription> current, Instant now) {
        if (command.expiresAt() != null && now.isAfter(command.expiresAt())) {
            return Decision.refused(Status.EXPIRED, current.map(Subscription::version).orElse(null),
                    "the command expired at " + command.expiresAt() + " before it could be applied; nothing changed");
        }
        if (command.kind() == SubscriptionCommand.Kind.CREATE) {
            if (current.isPresent()) {
                return Decision.refused(Status.EXISTS, current.get().version(), "a webhook with id '"
                        + command.webhookId() + "' exists; use PUT to replace it");
            }
            MaskedHeaders headers = MaskedHeaders.resolve(command.webhook().headers(), Map.of());
            MaskedCredentials credentials = MaskedCredentials.resolve(command.webhook(), null, now);
            List<Violation> violations = violations(headers, credentials);
            return violations.isEmpty()
                    ? Decision.put(created(command.webhook(), headers.headers(), credentials, now))
                    : Decision.invalid(null, violations);
        }
        if (current.isEmpty() || command.ifWorkspace() != null
                && !command.ifWorkspace().equals(current.get().workspaceId())) {
            // Another workspace's webhook is, to a workspace token, one that does not exist.
            return Decision.refused(Status.NOT_FOUND, null, "no webhook with id '" + command.webhookId() + "'");
        }
        Subscription webhook = current.get();
        if (command.ifVersion() != null && command.ifVersion() != webhook.version()) {
            return Decision.refused(Status.VERSION_MISMATCH, webhook.version(), "webhook '" + webhook.id()
                    + "' is at version " + webhook.version() + ", not " + command.ifVersion()
                    + ": it changed meanwhile; read it again and redo the change on what it is now");
        }
        return switch (command.kind()) {
            case REPLACE -> replace(webhook, command.webhook(), now);
            case DELETE -> Decision.delete(webhook.version());
            case ROTATE_SECRET -> Decision.put(rotation.rotate(webhook, command.secret(), now));
            case DISABLE -> webhook.enabled()
                    ? Decision.put(webhook.disabled(command.reason(), now))
                    : Decision.unchanged(webhook);
            case CREATE -> throw new IllegalStateException("handled above");
        };
    }

    private static Subscription created(Subscription requested, Map<String, String> headers,
                                        MaskedCredentials credentials, Instant now) {
        return new Subscription(requested.id(), requested.workspaceId(), requested.url(), requested.events(),
                headers, requested.secret(), requested.enabled(), requested.description(),
                requested.rateLimitPerSecond(), now, now, List.of(), 1, null, requested.ordering(), requested.onFailure(),
                credentials.clientCertificate(), credentials.oauth2());
    }

    private static Decision replace(Subscription current, Subscription requested, Instant now) {
        MaskedHeaders headers = MaskedHeaders.resolve(requested.headers(), current.headers());
        MaskedCredentials credentials = MaskedCredentials.resolve(requested, current, now);
        List<Violation> violations = violations(headers, credentials);
        return violations.isEmpty()
                ? Decision.put(replaced(current, requested, headers.headers(), credentials, now))
                : Decision.invalid(current.version(), violations);
    }

    private static List<Violation> violations(MaskedHeaders headers, MaskedCredentials credentials) {
        List<Violation> violations = new ArrayList<>(headers.violations());
        violations.addAll(credentials.violations());
        return violations;
    }

    /**
     * The requested settings over the current webhook: {@code createdAt} stays; a platform-given reason for being
     * disabled stays while the webhook stays disabled. Without a secret, the secret and the retiring secrets still
     * signing stay. A given secret takes over at once as the only one signing: the retiring secrets stop with it, so
     * that a customer replacing a leaked secret (or giving the current one again) ends every other at once;
     * rotate-secret is the way to change it with a grace period.
     */
    private static Subscription replaced(Subscription current, Subscription requested, Map<String, String> headers,
                                         MaskedCredentials credentials, Instant now) {
        boolean secretGiven = requested.secret() != null;
        String secret = secretGiven ? requested.secret() : current.secret();
        List<Subscription.RetiringSecret> retiring = secretGiven ? List.of()
                : SecretRotation.unexpired(current.retiringSecrets(), now);
        String disabledReason = !requested.enabled() && !current.enabled() ? current.disabledReason() : null;
        return new Subscription(current.id(), requested.workspaceId(), requested.url(), requested.events(),
                headers, secret, requested.enabled(), requested.description(),
                requested.rateLimitPerSecond(), current.createdAt(), now, retiring, current.version() + 1,
                disabledReason, requested.ordering(), requested.onFailure(), credentials.clientCertificate(),
                credentials.oauth2());
    }
}
