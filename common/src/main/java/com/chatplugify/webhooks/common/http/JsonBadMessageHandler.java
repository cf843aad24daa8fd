package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.json.Json;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers to a request it refuses before any route sees it (a malformed URI, headers too large, a body
 * arriving too slowly): the API's JSON error shape {@code {"error", "detail"}}, whatever the client accepts, not
 * Jetty's HTML page. Jetty closes the connection after such a refusal; {@code Connection: close} says so, so that no
 * client sends its next request on a connection about to close.
 */
final class JsonBadMessageHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code == 413 || code == 414 || code == 431 ? "too_large" : "bad_request");
        body.put("detail", message == null ? HttpStatus.getMessage(code) : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        response.write(true, ByteBuffer.wrap(Json.toBytes(body)), callback);
    }
}
