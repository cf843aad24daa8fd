package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.subscriptions.SubscriptionRecords;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionRedaction;

/**
 * Validates raw records of the subscriptions topic by {@link SubscriptionRecords}' rules, or reads a tombstone.
 * Anything else is refused with a {@link com.chatplugify.webhooks.common.model.Violation} code, so that one bad record
 * never stops the router nor reaches its routes.
 */
final class SubscriptionParser {

    private SubscriptionParser() {
    }

    static ParsedSubscription parse(String key, byte[] value) {
        if (key != null && value == null) {
            return ParsedSubscription.DELETED;
        }
        SubscriptionRecords.Read read = SubscriptionRecords.read(key, value);
        return read.valid() ? new ParsedSubscription(WebhookRoute.of(read.subscription()), null)
                : refused(read.violation(), read.detail(), value);
    }

    /** The refusal, whose copy of the record shows no plaintext secret ({@link SubscriptionRedaction}). */
    private static ParsedSubscription refused(String reason, String detail, byte[] value) {
        SubscriptionRedaction.Redacted copy = SubscriptionRedaction.of(value);
        String note = switch (copy.outcome()) {
            case UNCHANGED -> "";
            case SECRETS_REDACTED -> " (secret values are redacted in this copy)";
            case WITHHELD -> " (the value is withheld from this copy: as it is not JSON, secrets in it could not be "
                    + "told apart; it stays at its origin offset)";
        };
        return new ParsedSubscription(null, new Refusal(reason, detail + note, copy.value()));
    }
}
