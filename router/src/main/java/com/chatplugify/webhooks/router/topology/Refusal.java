package com.chatplugify.webhooks.router.topology;

/**
 * Why the router refused an input record, with the record's bytes as they go to an invalid-records topic.
 *
 * @param reason a {@link com.chatplugify.webhooks.common.model.Violation} code
 * @param detail what is wrong, in words
 * @param raw    the record's value, as read
 */
record Refusal(String reason, String detail, byte[] raw) {
}
