package com.chatplugify.webhooks.deliverer.engine;

/** Where the poll thread hands deliveries; each one taken ends with exactly one {@link Completions#done} call. */
public interface DeliverySink {

    /** Takes a delivery; must not block. Called on the poll thread. */
    void submit(PolledDelivery delivery);

    /** Gives up the deliveries of revoked partitions that are still waiting to start. Called on the poll thread. */
    void abandonRevoked();
}
