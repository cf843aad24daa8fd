package com.chatplugify.webhooks.deliverer.engine;

/** Where the poll thread hands deliveries; each one taken ends with exactly one {@link Completions#done} call. */
public interface DeliverySink {

    /** Takes a delivery that is due; must not block. Called on the poll thread. */
    void submit(PolledDelivery delivery);

    /**
     * Takes a retry-tier record looked at before it is due (it asked for a longer wait than its tier's delay), to be
     * put back at the end of its tier; must not block. Called on the poll thread.
     */
    void reappend(PolledDelivery delivery);

    /** Gives up the deliveries of revoked partitions that are still waiting to start. Called on the poll thread. */
    void abandonRevoked();
}
