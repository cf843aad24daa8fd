package com.chatplugify.webhooks.testing.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A small client of the /v1 API for tests, able to send what a careless client would: every call carries the bearer
 * token and a JSON content type, and each exchange may be handed to an {@link ExchangeCheck} (the API's own tests
 * check every one against the OpenAPI document).
 */
public final class ApiClient {

    /** Numbers as the API wrote them (1.10 stays 1.10), as the API's own JSON configuration reads them. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Looks at each exchange the client made, and throws when it is wrong. */
    @FunctionalInterface
    public interface ExchangeCheck {

        ExchangeCheck NONE = (request, response) -> { };

        void check(HttpRequest request, HttpResponse<String> response);
    }

    /** A response: status, body (parsed when it is JSON) and headers. */
    public record Response(int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
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
    private final ExchangeCheck check;

    public ApiClient(String baseUrl, String token) {
        this(baseUrl, token, ExchangeCheck.NONE);
    }

    public ApiClient(String baseUrl, String token, ExchangeCheck check) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.check = check;
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

    /** Sends the request, and hands the exchange to this client's check. */
    public Response send(HttpRequest.Builder builder) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            check.check(request, response);
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
