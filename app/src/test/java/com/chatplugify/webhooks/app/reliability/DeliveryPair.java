package com.chatplugify.webhooks.app.reliability;

/** One delivery as the accounting sees it: an event for a webhook. */
record DeliveryPair(String eventId, String webhookId) {
}
