package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.subscriptions.CommandResult;

/**
 * How a webhook write ended: the owner's result, and, when it wrote something, whether routing has it.
 *
 * @param routing null when nothing was written
 */
public record WriteOutcome(CommandResult result, Routing routing) {

    /** Where routing stands with the write, as the {@code Routing-Status} response header says it. */
    public enum Routing {
        /** Events published from now on are routed with the change. */
        ROUTED("routed"),
        /** The router did not confirm within {@code api.routing-wait}: events published now may miss the change. */
        PENDING("pending"),
        /** The router refused the record (see {@code chatplugify.subscriptions.invalid}) and routes as before. */
        REFUSED("refused");

        private final String header;

        Routing(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }
}
