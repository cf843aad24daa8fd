package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.Context;

/**
 * A webhook's entity tag: {@code "<version>"}, sent as {@code ETag} and compared, strongly, with the {@code If-Match}
 * of a write (RFC 9110): a write naming another version, or a weak tag, is refused with 412; a value that is not an
 * entity tag, with 400.
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
        return version(SingleHeaders.value(ctx, IF_MATCH));
    }

    static Long version(String value) {
        if (value == null || value.isBlank() || value.strip().equals("*")) {
            return null;
        }
        String tag = value.strip();
        if (tag.contains(",")) {
            throw invalid("give one ETag, the webhook's as a GET returned it");
        }
        boolean weak = tag.startsWith("W/");
        if (!isOpaqueTag(weak ? tag.substring(2) : tag)) {
            throw invalid("an ETag is quoted, with no quote, space or control character inside, e.g. If-Match: \"3\"");
        }
        return weak ? NO_VERSION : versionTaggedBy(tag);
    }

    /** The version whose ETag is {@code tag}, character for character (strong comparison, RFC 9110 8.8.3.2). */
    private static long versionTaggedBy(String tag) {
        String inner = tag.substring(1, tag.length() - 1);
        if (inner.isEmpty() || inner.length() > 18 || !inner.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return NO_VERSION;
        }
        long version = Long.parseLong(inner);
        // "01" reads as 1 but is not version 1's tag.
        return etag(version).equals(tag) ? version : NO_VERSION;
    }

    /** An opaque-tag of RFC 9110: characters other than a quote, space or control character, between quotes. */
    private static boolean isOpaqueTag(String tag) {
        if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            return false;
        }
        return tag.substring(1, tag.length() - 1).chars()
                .allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x7E) || c >= 0x80);
    }

    private static ApiException invalid(String how) {
        return ApiException.badRequest("invalid_header", "If-Match: " + how + ", or *");
    }
}
