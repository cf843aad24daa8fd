package com.chatplugify.webhooks.common.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Why a delivery is in the dead-letter topic: the {@code reason} header and the {@code reason} tag of
 * {@code webhook_dead_lettered_total}, written by the deliverer. The codes are stable; the dead-letter API filters on
 * them and refuses any other.
 */
public enum DeadLetterReason {

    /** Every retry tier was tried and the last attempt failed too. */
    RETRIES_EXHAUSTED("every retry failed"),
    /** The webhook is disabled; replay once it is enabled again. */
    WEBHOOK_DISABLED("webhook is disabled"),
    /** The endpoint answered 410 Gone: the webhook was disabled and what was pending parked. */
    ENDPOINT_GONE("endpoint answered 410 Gone; webhook disabled"),
    /** Nothing was sent: the URL's scheme, form or resolved address is one we do not deliver to. */
    ENDPOINT_REFUSED("endpoint refused"),
    /** The record is not a delivery we can read. */
    UNREADABLE_DELIVERY("unreadable delivery record"),
    /** It was queued longer ago than {@code delivery.max-age} (deferred without an attempt all that time, say). */
    EXPIRED("waited longer than delivery.max-age"),
    /**
     * A FIFO webhook (with {@code onFailure: dead_letter}) had more deliveries waiting than it may hold in memory, and
     * a FIFO webhook's deliveries cannot wait in the retry tiers without being reordered.
     */
    FIFO_BACKLOG_FULL("more deliveries waited for this FIFO webhook than it may hold"),
    /** An unexpected error in the deliverer; the delivery is kept here rather than lost. */
    INTERNAL_ERROR("internal error");

    private final String description;

    DeadLetterReason(String description) {
        this.description = description;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every reason's code, in declaration order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(DeadLetterReason::code).toList();
    }

    /** Whether {@code code} is one of the reasons' codes. */
    public static boolean isKnown(String code) {
        return codes().contains(code);
    }

    public String description() {
        return description;
    }
}
