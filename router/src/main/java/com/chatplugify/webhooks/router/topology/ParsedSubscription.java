package com.chatplugify.webhooks.router.topology;

/**
 * A record of the subscriptions topic after validation: the webhook's route, a deletion (tombstone, route null),
 * or why the record was refused.
 */
record ParsedSubscription(WebhookRoute route, Refusal refusal) {

    static final ParsedSubscription DELETED = new ParsedSubscription(null, null);

    boolean valid() {
        return refusal == null;
    }
}
