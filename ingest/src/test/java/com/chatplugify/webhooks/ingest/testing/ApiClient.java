package com.chatplugify.webhooks.ingest.testing;

import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A small client of the /v1 API for tests, able to send what a careless client would. */
public final class ApiClient {

    /** A response: status, body (parsed when it is JSON) and headers. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The {@code error} code of a JSON error answer. */
        public String error() {
            return json().path("error").asText(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String token;

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** A write with {@code If-Match: ifMatch} (an ETag as a GET returned it). */
    public Response put(String path, String json, String ifMatch) {
        return send(request(path).header("If-Match", ifMatch).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String json, String ifMatch) {
        return send(request(path).header("If-Match", ifMatch).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String ifMatch) {
        return send(request(path).header("If-Match", ifMatch).DELETE());
    }

    /** A request with the token and a JSON content type, to be completed by the caller. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    /**
     * Sends the request; a request to {@code /v1} and its answer are checked against the API's OpenAPI document
     * ({@link OpenApiContract#check}), so every API test also tests the document.
     */
    public Response send(HttpRequest.Builder builder) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (request.uri().getPath().startsWith("/v1/")) {
                OpenApiContract.shared().check(request, RequestBodies.bytesOf(request), response);
            }
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
