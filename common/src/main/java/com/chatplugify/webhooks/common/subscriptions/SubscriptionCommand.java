package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.model.Subscription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A change asked of the subscriptions' owner, the one writer of {@code chatplugify.subscriptions}: a record of
 * {@code chatplugify.subscription-commands}, key = {@link #webhookId}. The owner applies each command to the
 * webhook's current state, atomically, and answers with a {@link CommandResult} of the same {@link #id}.
 *
 * @param id        unique per command: what its result is matched on
 * @param ifVersion apply only if the webhook is at this version (an {@code If-Match}); null: whatever its version
 * @param webhook   {@link Kind#CREATE}: the new webhook; {@link Kind#REPLACE}: its new settings (a null secret keeps
 *                  the current one); null otherwise
 * @param secret    {@link Kind#ROTATE_SECRET}: the new signing secret
 * @param reason    {@link Kind#DISABLE}: why, a {@link DisableReason} code
 * @param expiresAt the owner refuses the command after this instant; null: never
 * @param ifWorkspace apply only if the webhook is in this workspace (a workspace token's call), else it is not
 *                  found; null: whatever its workspace
 */
@JsonPropertyOrder({"id", "webhookId", "kind", "ifVersion", "ifWorkspace", "expiresAt", "reason", "webhook", "secret"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionCommand(String id, String webhookId, Kind kind, Long ifVersion, Subscription webhook,
                                  String secret, String reason, Instant expiresAt, String ifWorkspace) {

    /** What the command does. */
    public enum Kind {
        /** Creates the webhook; refused when one with that id exists. */
        @JsonProperty("create") CREATE,
        /** Replaces a webhook's settings; {@code createdAt} and (unless given) the secret stay. */
        @JsonProperty("replace") REPLACE,
        /** Deletes the webhook (a tombstone). */
        @JsonProperty("delete") DELETE,
        /** A new signing secret; the replaced one keeps signing for the grace period. */
        @JsonProperty("rotate_secret") ROTATE_SECRET,
        /** Disables the webhook at exactly {@code ifVersion}, never a later version nor a deleted webhook. */
        @JsonProperty("disable") DISABLE
    }

    public SubscriptionCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(kind, "kind");
    }

    public static SubscriptionCommand create(Subscription webhook, Instant expiresAt) {
        return new SubscriptionCommand(newId(), webhook.id(), Kind.CREATE, null, webhook, null, null, expiresAt, null);
    }

    public static SubscriptionCommand replace(Subscription webhook, Long ifVersion, Instant expiresAt) {
        return new SubscriptionCommand(newId(), webhook.id(), Kind.REPLACE, ifVersion, webhook, null, null, expiresAt, null);
    }

    public static SubscriptionCommand delete(String webhookId, Long ifVersion, Instant expiresAt) {
        return new SubscriptionCommand(newId(), webhookId, Kind.DELETE, ifVersion, null, null, null, expiresAt, null);
    }

    public static SubscriptionCommand rotateSecret(String webhookId, String secret, Long ifVersion, Instant expiresAt) {
        return new SubscriptionCommand(newId(), webhookId, Kind.ROTATE_SECRET, ifVersion, null, secret, null, expiresAt, null);
    }

    /**
     * Disables the webhook as it was at {@code version}: if it has changed since (a new URL, a rotated secret, a
     * re-enable) or was deleted, nothing happens. Never expires: whenever the owner gets to it, the version decides.
     */
    public static SubscriptionCommand disable(String webhookId, long version, DisableReason reason) {
        return new SubscriptionCommand(newId(), webhookId, Kind.DISABLE, version, null, null, reason.code(), null, null);
    }

    /** This command, applying only if the webhook is in {@code workspaceId} (null: in any workspace). */
    public SubscriptionCommand inWorkspace(String workspaceId) {
        return new SubscriptionCommand(id, webhookId, kind, ifVersion, webhook, secret, reason, expiresAt, workspaceId);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
