package com.chatplugify.webhooks.ingest.api;

import java.time.Duration;

/**
 * A refusal of the API: answered as {@code {"error": code, "detail": detail}} with its status, and with a
 * {@code Retry-After} header when the caller should come back later.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final transient Object detail;
    private final Duration retryAfter;

    public ApiException(int status, String error, Object detail) {
        this(status, error, detail, null);
    }

    private ApiException(int status, String error, Object detail, Duration retryAfter) {
        super(error + ": " + detail, null, false, false);
        this.status = status;
        this.error = error;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String error, Object detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }

    public static ApiException tooLarge(Object detail) {
        return new ApiException(413, "too_large", detail);
    }

    /** 503: the broker (or a view of it) cannot serve the call now; retry after {@code retryAfter}. */
    public static ApiException unavailable(Object detail, Duration retryAfter) {
        return new ApiException(503, "unavailable", detail, retryAfter);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Object detail() {
        return detail;
    }

    /** How long the caller should wait before retrying, or null when retrying will not help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
