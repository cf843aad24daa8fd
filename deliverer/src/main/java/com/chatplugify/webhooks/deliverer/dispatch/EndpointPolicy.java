package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.model.FifoFailure;
import com.chatplugify.webhooks.common.model.Subscription;

/**
 * What a webhook's settings ask of its endpoint, as they are now.
 *
 * @param url           where its deliveries go, or null while the webhook is unknown
 * @param ratePerSecond its rate limit, or null for none
 * @param fifo          whether its deliveries go one at a time, in order, retried in place
 * @param pauses        whether, FIFO, it pauses rather than dead-letter what it cannot deliver in order
 * @param enabled       whether its deliveries are attempted (true while the webhook is unknown)
 */
record EndpointPolicy(String url, Integer ratePerSecond, boolean fifo, boolean pauses, boolean enabled) {

    /** What an endpoint does while its webhook is unknown (not read yet, or deleted). */
    static final EndpointPolicy NONE = new EndpointPolicy(null, null, false, false, true);

    static EndpointPolicy of(Subscription subscription) {
        return new EndpointPolicy(subscription.url(), subscription.rateLimitPerSecond(), subscription.fifo(),
                subscription.fifo() && subscription.onFailure() == FifoFailure.PAUSE, subscription.enabled());
    }
}
