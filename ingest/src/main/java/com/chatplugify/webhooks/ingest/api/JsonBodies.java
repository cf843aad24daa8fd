package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Reads request bodies as JSON, refusing what is too large, of another media type, or not JSON (a field twice or
 * trailing content included), with the right 4xx.
 */
final class JsonBodies {

    private static final String BODY = "chatplugify.body";
    /** The largest declared body that is read to its end before its 413 (see {@link #drain}). */
    private static final long DRAIN_LIMIT = 1024 * 1024;
    private JsonBodies() {
    }

    /** The body parsed as JSON; refuses an empty body. */
    static JsonNode read(Context ctx, int maxBytes) {
        return parse(bytes(ctx, maxBytes));
    }

    /** The body parsed as JSON, or null when there is none. */
    static JsonNode readOptional(Context ctx, int maxBytes) {
        byte[] body = bytes(ctx, maxBytes);
        return body.length == 0 ? null : parse(body);
    }

    /** {@code body} parsed as JSON; refuses an empty body, and one of only whitespace or {@code null}, alike. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw noDocument("the request has no body");
        }
        try {
            JsonNode document = Json.strictReader().readTree(body);
            if (document.isMissingNode() || document.isNull()) {
                throw noDocument(document.isNull() ? "the body is null" : "the body holds only whitespace");
            }
            return document;
        } catch (MismatchedInputException e) {
            // The one mismatch a tree read reports: a second value after the document (FAIL_ON_TRAILING_TOKENS).
            throw ApiException.badRequest("not_json", "the body is not valid JSON: it goes on after its JSON value "
                    + "ends, at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().split("\n", 2)[0];
            throw ApiException.badRequest("not_json", "the body is not valid JSON: " + message);
        }
    }

    private static ApiException noDocument(String what) {
        return ApiException.badRequest("not_json", what + "; send a JSON document");
    }

    /**
     * The body, reading no more than {@code maxBytes + 1} whatever the request claims: a chunked body has no
     * Content-Length for Javalin's own limit to check.
     */
    static byte[] bytes(Context ctx, int maxBytes) {
        byte[] read = ctx.attribute(BODY);
        if (read != null) {
            if (read.length > maxBytes) {
                throw tooLarge(read.length, maxBytes);
            }
            return read;
        }
        byte[] body = readBody(ctx, maxBytes);
        // The stream is read once: access control may look at the body before the handler does.
        ctx.attribute(BODY, body);
        return body;
    }

    private static byte[] readBody(Context ctx, int maxBytes) {
        checkMediaType(ctx.contentType());
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            if (declared <= DRAIN_LIMIT) {
                drain(ctx);
            }
            throw tooLarge(declared, maxBytes);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(body.length, maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "the body could not be read to its end: " + e.getMessage());
        }
    }

    /**
     * Reads and drops a body declared a little over the limit before it is refused. Left unread, the client still
     * sending it meets a connection closed with unread bytes, whose reset can destroy the 413 before it is read. A
     * body declared larger, or chunked, is refused at once, without waiting for it.
     */
    private static void drain(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client went away: there is nobody left to answer.
        }
    }

    private static ApiException tooLarge(long length, int maxBytes) {
        return ApiException.tooLarge("the body is " + (length > maxBytes ? "more than " + maxBytes : length)
                + " bytes; at most " + maxBytes + " are accepted here");
    }

    /** No Content-Type, or a JSON one; a form or other type is refused rather than misread. */
    private static void checkMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.endsWith("+json") && !type.equals("text/json")) {
            throw new ApiException(415, "unsupported_media_type", "the body must be JSON (Content-Type: "
                    + "application/json), not " + type);
        }
    }
}
