package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the subscriptions' owner did with a {@link SubscriptionCommand}: a record of
 * {@code chatplugify.subscription-command-results}, key = webhookId, written in the same transaction as the change.
 *
 * @param version   the webhook's version after the command; for a refusal, its current version (null when it
 *                  does not exist)
 * @param webhook   the webhook as written ({@link Status#APPLIED}, {@link Status#UNCHANGED}); null otherwise and
 *                  for a deletion
 * @param partition where the change was written in {@code chatplugify.subscriptions}; null when nothing was written
 * @param offset    its offset there
 * @param detail    what was wrong, in words, for a refusal
 * @param violations for {@link Status#INVALID}: what in the command cannot apply, each with its field
 */
@JsonPropertyOrder({"commandId", "webhookId", "status", "version", "partition", "offset", "detail", "violations",
        "webhook"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String commandId, String webhookId, Status status, Long version, Subscription webhook,
                            Integer partition, Long offset, String detail, List<Violation> violations) {

    /** How a command ended. Every status but {@link #APPLIED} means nothing was written. */
    public enum Status {
        @JsonProperty("applied") APPLIED,
        /** The command asked for what already is (disabling a disabled webhook). */
        @JsonProperty("unchanged") UNCHANGED,
        @JsonProperty("not_found") NOT_FOUND,
        /** A creation whose id is taken. */
        @JsonProperty("exists") EXISTS,
        /** The webhook is not at the command's {@code ifVersion}. */
        @JsonProperty("version_mismatch") VERSION_MISMATCH,
        /** The owner got to the command after its {@code expiresAt}. */
        @JsonProperty("expired") EXPIRED,
        /** A command that cannot apply to the webhook as it is, e.g. keeping the hidden value of a header it lacks. */
        @JsonProperty("invalid") INVALID
    }

    /** This result with {@code webhook} in place of its own (as the codec seals and opens it). */
    public CommandResult withWebhook(Subscription other) {
        return new CommandResult(commandId, webhookId, status, version, other, partition, offset, detail, violations);
    }

    /** Whether the change is in the subscriptions topic, at {@link #partition}/{@link #offset}. */
    public boolean written() {
        return status == Status.APPLIED && partition != null && offset != null;
    }
}
