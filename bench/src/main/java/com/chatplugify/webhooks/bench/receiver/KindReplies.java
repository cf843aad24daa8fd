package com.chatplugify.webhooks.bench.receiver;

import java.time.Duration;

/**
 * How each {@link EndpointKind} answers in a scenario.
 *
 * @param hang       how long a hung endpoint holds a request (longer than the delivery timeout)
 * @param slow       how long a slow endpoint takes to answer 200 (shorter than the delivery timeout)
 * @param retryAfter the {@code Retry-After} of a throttled endpoint's 429
 */
public record KindReplies(Duration hang, Duration slow, Duration retryAfter) {

    public Reply of(EndpointKind kind) {
        return switch (kind) {
            // A refused endpoint's requests never arrive: its reply is never used.
            case HEALTHY, REFUSED -> Reply.OK;
            case HUNG -> Reply.okAfter(hang);
            case SLOW -> Reply.okAfter(slow);
            case FAILING -> Reply.SERVER_ERROR;
            case THROTTLED -> Reply.tooManyRequests(retryAfter);
        };
    }
}
