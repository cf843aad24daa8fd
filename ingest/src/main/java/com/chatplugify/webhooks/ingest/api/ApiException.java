package com.chatplugify.webhooks.ingest.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
    private final Map<String, String> headers;

    public ApiException(int status, String error, Object detail) {
        this(status, error, detail, null, Map.of());
    }

    private ApiException(int status, String error, Object detail, Duration retryAfter, Map<String, String> headers) {
        super(error + ": " + detail, null, false, false);
        this.status = status;
        this.error = error;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.headers = Map.copyOf(headers);
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
        return new ApiException(503, "unavailable", detail, retryAfter, Map.of());
    }

    /** 412: the webhook is not at the version the request's {@code If-Match} names. */
    public static ApiException preconditionFailed(Object detail) {
        return new ApiException(412, "precondition_failed", detail);
    }

    /** This refusal with one more response header. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, error, detail, retryAfter, more);
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

    /** Response headers beside the body, such as the current {@code ETag} of a 412. */
    public Map<String, String> headers() {
        return headers;
    }
}
