package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.model.Delivery;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A {@link Delivery} whose event is already JSON: an event fanned out to several webhooks is written once, not
 * once per webhook. Serialized, it is byte for byte the {@link Delivery} it stands for.
 *
 * @param event the event, as JSON
 */
@JsonPropertyOrder({"webhookId", "workspaceId", "event"})
record EncodedDelivery(String webhookId, String workspaceId, @JsonRawValue String event) {
}
