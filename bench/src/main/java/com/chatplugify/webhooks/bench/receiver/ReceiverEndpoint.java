package com.chatplugify.webhooks.bench.receiver;

/**
 * One endpoint of the built-in receiver, {@code /e/<index>}. Its reply can be changed while it runs (scripted for a
 * scenario, then released to answer at once so the backlog drains); its deliveries are counted by the tally of the
 * measurement it currently belongs to.
 *
 * @see BenchReceiver#newEndpoints
 */
public final class ReceiverEndpoint {

    private final int index;
    private final int slot;
    private final EndpointKind kind;
    private volatile Reply reply = Reply.OK;
    private volatile DeliveryTally tally;
    private volatile boolean probed;

    ReceiverEndpoint(int index, int slot, EndpointKind kind) {
        this.index = index;
        this.slot = slot;
        this.kind = kind;
    }

    /** The number in the endpoint's path, unique in the receiver. */
    public int index() {
        return index;
    }

    /** The position of the endpoint in its scenario's list, from 0. */
    public int slot() {
        return slot;
    }

    public EndpointKind kind() {
        return kind;
    }

    public String path() {
        return "/e/" + index;
    }

    public Reply reply() {
        return reply;
    }

    public void reply(Reply reply) {
        this.reply = reply;
    }

    /** Answers as its kind does in the scenario. */
    public void applyKind(KindReplies replies) {
        reply(replies.of(kind));
    }

    DeliveryTally tally() {
        return tally;
    }

    public void tally(DeliveryTally tally) {
        this.tally = tally;
    }

    /** Whether a probe event has reached this endpoint since {@link #resetProbe()}. */
    public boolean probed() {
        return probed;
    }

    void markProbed() {
        probed = true;
    }

    public void resetProbe() {
        probed = false;
    }
}
