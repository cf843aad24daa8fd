package com.chatplugify.webhooks.bench.system;

/** A deliverer the bench compares ours with, run in its place on a system without our deliverer. */
public interface BaselineDeliverer extends AutoCloseable {

    /** Starts consuming {@code chatplugify.deliveries} from its end. */
    BaselineDeliverer start();

    /** Whether every partition of the deliveries topic has an owner, so that records written from now on are delivered. */
    boolean assigned();

    @Override
    void close();
}
