package com.chatplugify.webhooks.deliverer.retry;

import java.util.Locale;

/**
 * Why a delivery moved to a retry tier without an attempt, keeping its attempts: the {@code reason} tag of
 * {@code webhook_deliveries_deferred_total}.
 */
public enum DeferralReason {

    /** The endpoint's circuit breaker is open: its recent attempts all failed. */
    CIRCUIT_OPEN,
    /** The endpoint already holds as many deliveries as it can clear soon at its pace (or its hard cap). */
    BACKLOG_FULL,
    /**
     * The endpoint is slow (or not measured yet), and the endpoints of its standing together already hold their
     * share of the instance's memory ({@code delivery.max-buffered-records}): half for slow ones, a quarter for
     * those not measured yet.
     */
    SHARE_FULL,
    /** The view of the subscriptions topic did not catch up in time to say what the webhook is. */
    SUBSCRIPTION_UNAVAILABLE,
    /** A record looked at before it was due (a long Retry-After), put back at the end of its tier. */
    NOT_YET_DUE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
