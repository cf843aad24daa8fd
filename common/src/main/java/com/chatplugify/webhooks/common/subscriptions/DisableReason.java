package com.chatplugify.webhooks.common.subscriptions;

/** Why the platform disabled a webhook, as {@link SubscriptionCommand#disable} carries it and the webhook shows it. */
public enum DisableReason {

    /** The endpoint answered 410 Gone. */
    ENDPOINT_GONE("endpoint_gone");

    private final String code;

    DisableReason(String code) {
        this.code = code;
    }

    /** The code in commands, in the webhook's {@code disabledReason} and in logs. */
    public String code() {
        return code;
    }
}
