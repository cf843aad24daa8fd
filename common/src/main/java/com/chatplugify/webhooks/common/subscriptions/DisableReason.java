package com.chatplugify.webhooks.common.subscriptions;

/** Why the platform disabled a webhook, as {@link SubscriptionCommand#disable} carries it and the webhook shows it. */
public enum DisableReason {

    /** The endpoint answered 410 Gone. */
    ENDPOINT_GONE("endpoint_gone"),
    /** A FIFO webhook with {@code onFailure: pause}: a delivery used up its retries or grew older than its max age. */
    FIFO_DELIVERY_FAILED("fifo_delivery_failed"),
    /** A FIFO webhook with {@code onFailure: pause}: more deliveries waited for it than it may hold in memory. */
    FIFO_BACKLOG_FULL("fifo_backlog_full"),
    /** Every attempt failed, without a success, for {@code delivery.auto-disable-after}. */
    ENDPOINT_FAILING("endpoint_failing");

    private final String code;

    DisableReason(String code) {
        this.code = code;
    }

    /** The code in commands, in the webhook's {@code disabledReason} and in logs. */
    public String code() {
        return code;
    }
}
