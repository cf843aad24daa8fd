package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.engine.Settlement;
import java.time.Duration;

/** What became of a delivery taken to its endpoint: settled, or, for a FIFO webhook, put back to be tried again. */
sealed interface Handled {

    record Settled(Settlement settlement) implements Handled {
    }

    /**
     * A FIFO webhook's failed delivery waits {@code after} at the head of its queue, the others behind it.
     *
     * @param delivery the delivery as it is to be tried again (its bookkeeping headers moved on)
     */
    record RetryInPlace(PolledDelivery delivery, Duration after) implements Handled {
    }
}
