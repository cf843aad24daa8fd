package com.chatplugify.webhooks.deliverer.engine;

import java.util.List;

/** Where the poll thread hands deliveries; each one taken ends with exactly one {@link Completions#done} call. */
public interface DeliverySink {

    /** Takes a delivery that is due; must not block. Called on the poll thread. */
    void submit(PolledDelivery delivery);

    /**
     * Takes a retry-tier record looked at before it is due (it asked for a longer wait than its tier's delay), to be
     * put back at the end of its tier; must not block. Called on the poll thread.
     */
    void reappend(PolledDelivery delivery);

    /**
     * Takes back the deliveries of revoked partitions still waiting to start: none of them starts from now on, and
     * each still ends with one {@link Completions#done} call, the engine's or {@link #handOver}'s. Called on the poll
     * thread.
     */
    List<Withdrawn> withdrawRevoked();

    /**
     * Puts a withdrawn delivery back at the end of its partition, for the partition's next owner, so that its offset
     * may be committed; ends with its {@link Completions#done} call. Called on the poll thread; must not block.
     */
    void handOver(PolledDelivery delivery);

    /**
     * A delivery taken back before it started.
     *
     * @param ordered whether its webhook's order would be broken by moving it (a FIFO webhook's): it stays where it is
     */
    record Withdrawn(PolledDelivery delivery, boolean ordered) {
    }
}
