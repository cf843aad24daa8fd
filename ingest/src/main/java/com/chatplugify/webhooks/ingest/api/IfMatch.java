package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.Context;

/**
 * A webhook's entity tag: {@code "<version>"}, sent as {@code ETag} and compared, strongly, with the {@code If-Match}
 * of a write (RFC 9110): a write naming another version, or a weak tag, is refused with 412.
 */
final class IfMatch {

    static final String IF_MATCH = "If-Match";
    static final String ETAG = "ETag";
    /** Matches no version: a well-formed tag that is not one of ours, or a weak one. */
    private static final long NO_VERSION = -1;

    private IfMatch() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version a write must find, or null when it has no {@code If-Match} (or {@code *}: any that exists). */
    static Long version(Context ctx) {
        return version(ctx.header(IF_MATCH));
    }

    static Long version(String value) {
        if (value == null || value.isBlank() || value.strip().equals("*")) {
            return null;
        }
        String tag = value.strip();
        if (tag.contains(",")) {
            throw invalid("give one ETag, the webhook's as a GET returned it");
        }
        if (tag.startsWith("W/")) {
            return NO_VERSION;
        }
        if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw invalid("an ETag is quoted, e.g. If-Match: \"3\"");
        }
        String inner = tag.substring(1, tag.length() - 1);
        if (inner.isEmpty() || inner.length() > 18 || !inner.chars().allMatch(Character::isDigit)) {
            return NO_VERSION;
        }
        return Long.parseLong(inner);
    }

    private static ApiException invalid(String how) {
        return ApiException.badRequest("invalid_header", "If-Match: " + how + ", or *");
    }
}
