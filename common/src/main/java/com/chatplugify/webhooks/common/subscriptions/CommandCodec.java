package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Subscription;

/**
 * The one codec of the subscriptions' owner's commands and results: JSON, whose webhooks and new secrets are
 * encrypted by the {@link SubscriptionCodec} as in the subscriptions topic, so that no secret is readable in
 * plaintext on these topics either. A command without secrets (a deliverer's disable) needs no key.
 */
public final class CommandCodec {

    private final SubscriptionCodec subscriptions;
    private final JsonSerde<SubscriptionCommand> commands = new JsonSerde<>(SubscriptionCommand.class);
    private final JsonSerde<CommandResult> results = new JsonSerde<>(CommandResult.class);

    public CommandCodec(SubscriptionCodec subscriptions) {
        this.subscriptions = subscriptions;
    }

    public byte[] encode(SubscriptionCommand command) {
        return commands.serialize(Topics.SUBSCRIPTION_COMMANDS, new SubscriptionCommand(command.id(),
                command.webhookId(), command.kind(), command.ifVersion(), seal(command.webhook()),
                command.secret() == null ? null : subscriptions.sealSecret(command.webhookId(), command.secret()),
                command.reason(), command.expiresAt(), command.ifWorkspace()));
    }

    /** @throws org.apache.kafka.common.errors.SerializationException when it is not a command */
    public SubscriptionCommand decode(byte[] value) {
        SubscriptionCommand stored = commands.deserialize(Topics.SUBSCRIPTION_COMMANDS, value);
        if (stored == null) {
            return null;
        }
        return new SubscriptionCommand(stored.id(), stored.webhookId(), stored.kind(), stored.ifVersion(),
                open(stored.webhook()),
                stored.secret() == null ? null : subscriptions.openSecret(stored.webhookId(), stored.secret()),
                stored.reason(), stored.expiresAt(), stored.ifWorkspace());
    }

    public byte[] encode(CommandResult result) {
        return results.serialize(Topics.SUBSCRIPTION_COMMAND_RESULTS, result.withWebhook(seal(result.webhook())));
    }

    /** @throws org.apache.kafka.common.errors.SerializationException when it is not a result */
    public CommandResult decodeResult(byte[] value) {
        CommandResult stored = results.deserialize(Topics.SUBSCRIPTION_COMMAND_RESULTS, value);
        return stored == null ? null : stored.withWebhook(open(stored.webhook()));
    }

    private Subscription seal(Subscription webhook) {
        return webhook == null ? null : subscriptions.seal(webhook);
    }

    private Subscription open(Subscription webhook) {
        return webhook == null ? null : subscriptions.open(webhook).subscription();
    }
}
