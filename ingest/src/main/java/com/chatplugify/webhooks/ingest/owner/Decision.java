package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;

/**
 * What the owner does with one command: what it writes to the subscriptions topic, and the result it answers.
 *
 * @param webhook the webhook after the command ({@link Write#PUT}, or unchanged); null otherwise
 * @param version the webhook's version after the command, or its current one when refused; null when none exists
 * @param detail  why a command was refused, in words
 */
record Decision(Write write, CommandResult.Status status, Subscription webhook, Long version, String detail) {

    /** What goes to the subscriptions topic. */
    enum Write {
        PUT,
        TOMBSTONE,
        NOTHING
    }

    static Decision put(Subscription webhook) {
        return new Decision(Write.PUT, CommandResult.Status.APPLIED, webhook, webhook.version(), null);
    }

    static Decision delete(long deletedVersion) {
        return new Decision(Write.TOMBSTONE, CommandResult.Status.APPLIED, null, deletedVersion, null);
    }

    static Decision unchanged(Subscription webhook) {
        return new Decision(Write.NOTHING, CommandResult.Status.UNCHANGED, webhook, webhook.version(), null);
    }

    static Decision refused(CommandResult.Status status, Long version, String detail) {
        return new Decision(Write.NOTHING, status, null, version, detail);
    }

    /** The result to answer once the write, if any, is at {@code partition}/{@code offset}. */
    CommandResult result(String commandId, String webhookId, Integer partition, Long offset) {
        return new CommandResult(commandId, webhookId, status, version, webhook, partition, offset, detail);
    }
}
