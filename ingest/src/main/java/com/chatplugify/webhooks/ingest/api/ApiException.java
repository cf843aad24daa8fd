package com.chatplugify.webhooks.ingest.api;

/** A refusal of the API: answered as {@code {"error": code, "detail": detail}} with a 4xx status. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final transient Object detail;

    public ApiException(int status, String error, Object detail) {
        super(error + ": " + detail, null, false, false);
        this.status = status;
        this.error = error;
        this.detail = detail;
    }

    public static ApiException badRequest(String error, Object detail) {
        return new ApiException(400, error, detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
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
}
