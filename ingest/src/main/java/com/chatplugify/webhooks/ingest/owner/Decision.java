package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import java.util.List;

/**
 * What the owner does with one command: what it writes to the subscriptions topic, and the result it answers.
 *
 * @param webhook the webhook after the command ({@link Write#PUT}, or unchanged); null otherwise
 * @param version the webhook's version after the command, or its current one when refused; null when none exists
 * @param detail  why a command was refused, in words
 * @param violations what in an {@link CommandResult.Status#INVALID} command cannot apply; null otherwise
 */
record Decision(Write write, CommandResult.Status status, Subscription webhook, Long version, String detail,
                List<Violation> violations) {

    /** What goes to the subscriptions topic. */
    enum Write {
        PUT,
        TOMBSTONE,
        NOTHING
    }

    static Decision put(Subscription webhook) {
        return new Decision(Write.PUT, CommandResult.Status.APPLIED, webhook, webhook.version(), null, null);
    }

    static Decision delete(long deletedVersion) {
        return new Decision(Write.TOMBSTONE, CommandResult.Status.APPLIED, null, deletedVersion, null, null);
    }

    static Decision unchanged(Subscription webhook) {
        return new Decision(Write.NOTHING, CommandResult.Status.UNCHANGED, webhook, webhook.version(), null, null);
    }

    static Decision refused(CommandResult.Status status, Long version, String detail) {
        return new Decision(Write.NOTHING, status, null, version, detail, null);
    }

    static Decision invalid(Long version, List<Violation> violations) {
        return new Decision(Write.NOTHING, CommandResult.Status.INVALID, null, version,
                "the change cannot apply to the webhook as it is", violations);
    }

    /** The result to answer once the write, if any, is at {@code partition}/{@code offset}. */
    CommandResult result(String commandId, String webhookId, Integer partition, Long offset) {
        return new CommandResult(commandId, webhookId, status, version, webhook, partition, offset, detail, violations);
    }
}
