package com.chatplugify.webhooks.bench.receiver;

import java.time.Duration;

/**
 * How an endpoint answers: a status, after a delay.
 *
 * @param status     HTTP status of the answer
 * @param delay      how long the receiver holds the request before answering; zero answers at once
 * @param retryAfter the {@code Retry-After} the answer carries, whole seconds; null for none
 */
public record Reply(int status, Duration delay, Duration retryAfter) {

    public static final Reply OK = new Reply(200, Duration.ZERO, null);
    public static final Reply SERVER_ERROR = new Reply(500, Duration.ZERO, null);

    public static Reply okAfter(Duration delay) {
        return new Reply(200, delay, null);
    }

    public static Reply tooManyRequests(Duration retryAfter) {
        return new Reply(429, Duration.ZERO, retryAfter);
    }
}
