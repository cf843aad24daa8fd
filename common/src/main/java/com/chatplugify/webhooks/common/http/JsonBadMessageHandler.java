package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.json.Json;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * What Jetty answers to a request it refuses before any route sees it (a malformed URI, headers too large, a body
 * arriving too slowly): the API's JSON error shape {@code {"error", "detail"}}, not Jetty's HTML page.
 */
final class JsonBadMessageHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status == 413 || status == 414 || status == 431 ? "too_large" : "bad_request");
        body.put("detail", reason == null ? HttpStatus.getMessage(status) : reason);
        return ByteBuffer.wrap(Json.toBytes(body));
    }
}
