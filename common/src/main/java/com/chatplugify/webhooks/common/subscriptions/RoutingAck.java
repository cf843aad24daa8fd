package com.chatplugify.webhooks.common.subscriptions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The router's word that its routing state has applied one record of {@code chatplugify.subscriptions}: a record
 * of {@code chatplugify.routing-acks}, key = webhookId, written in the same Kafka Streams transaction as the state
 * change. Every event the router reads after the acknowledgement is visible is routed with that change.
 *
 * @param version   the webhook's version in that record (0 for a deletion)
 * @param partition the record's partition in {@code chatplugify.subscriptions}
 * @param offset    the record's offset there
 */
@JsonPropertyOrder({"webhookId", "version", "partition", "offset", "status"})
public record RoutingAck(String webhookId, long version, int partition, long offset, Status status) {

    public enum Status {
        /** The routing state has the change (for a deletion of an unknown webhook: there was nothing to change). */
        @JsonProperty("routed") ROUTED,
        /** The router refused the record (see {@code chatplugify.subscriptions.invalid}); routing kept what it had. */
        @JsonProperty("refused") REFUSED
    }
}
