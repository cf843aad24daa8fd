package com.chatplugify.webhooks.ingest.testing;

import com.chatplugify.webhooks.ingest.api.OpenApiDocumentApi;
import com.chatplugify.webhooks.testing.api.ApiClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's OpenAPI 3.1 document ({@code openapi/openapi.json}) checked by a real validator, Vert.x OpenAPI (JSON
 * Schema 2020-12): loading it validates the document against the OpenAPI 3.1 schema; {@link #check} validates one
 * exchange of a test with the API. Responses are validated as they came; a request is validated by sending it again,
 * unchanged, to a validating server of this class on 127.0.0.1 (Vert.x validates requests as its server reads them),
 * which answers whether it conforms and goes no further.
 */
public final class OpenApiContract {

    private static final long TIMEOUT_SECONDS = 30;
    /** Request headers the document may describe; the others (Host, Content-Length, ...) are the transport's. */
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "If-Match",
            "Idempotency-Key");
    private static OpenApiContract shared;

    private final OpenAPIContract contract;
    private final ResponseValidator responses;
    private final HttpClient mirrorClient = HttpClient.newHttpClient();
    private final String mirror;

    private OpenApiContract(Vertx vertx, OpenAPIContract contract) {
        this.contract = contract;
        this.responses = ResponseValidator.create(vertx, contract);
        RequestValidator requests = RequestValidator.create(vertx, contract);
        HttpServer server = await(vertx.createHttpServer().requestHandler(request -> validate(requests, request))
                .listen(0, "127.0.0.1"));
        this.mirror = "http://127.0.0.1:" + server.actualPort();
    }

    /** The document of the API, loaded (and so validated) once per JVM. */
    public static synchronized OpenApiContract shared() {
        if (shared == null) {
            Vertx vertx = Vertx.vertx();
            shared = new OpenApiContract(vertx, await(OpenAPIContract.from(vertx, new JsonObject(document()))));
        }
        return shared;
    }

    /**
     * A client of the API at {@code baseUrl} whose every exchange with {@code /v1} is checked against the document
     * ({@link #check}), so that every API test also tests the document.
     */
    public static ApiClient checkedClient(String baseUrl, String token) {
        return new ApiClient(baseUrl, token, (request, response) -> {
            if (request.uri().getPath().startsWith("/v1/")) {
                shared().check(request, RequestBodies.bytesOf(request), response);
            }
        });
    }

    /** The document's text, as the API serves it. */
    public static String document() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(OpenApiDocumentApi.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented operation of {@code method} on {@code path}, or null. */
    public Operation operation(String method, String path) {
        return contract.findOperation(path, HttpMethod.valueOf(method));
    }

    /**
     * Checks one exchange: every response of a documented operation conforms to it, and so does every request the
     * API accepted (a 2xx). A request it refused is the test's deliberate bad input. An undocumented route must be
     * refused as unknown (404 or 405).
     *
     * @throws AssertionError naming what does not conform
     */
    public void check(HttpRequest request, byte[] requestBody, HttpResponse<String> response) {
        String path = request.uri().getRawPath();
        if (request.method().equals("HEAD")) {
            checkHead(path, response);
            return;
        }
        Operation operation = operation(request.method(), path);
        if (operation == null) {
            if (response.statusCode() != 404 && response.statusCode() != 405) {
                throw new AssertionError("OpenAPI: " + request.method() + " " + path + " is not described, yet it "
                        + "answered " + response.statusCode());
            }
            return;
        }
        checkResponse(operation, request, response);
        if (response.statusCode() / 100 == 2) {
            checkRequest(request, requestBody);
        }
    }

    /**
     * A HEAD is its GET without a body (RFC 9110 9.3.2), which the document does not describe again: the GET must be
     * described, and the answer must have no body.
     */
    private void checkHead(String path, HttpResponse<String> response) {
        if (operation("GET", path) == null && response.statusCode() != 404 && response.statusCode() != 405) {
            throw new AssertionError("OpenAPI: HEAD " + path + " has no described GET, yet it answered "
                    + response.statusCode());
        }
        if (!response.body().isEmpty()) {
            throw new AssertionError("OpenAPI: HEAD " + path + " answered with a body: " + response.body());
        }
    }

    private void checkResponse(Operation operation, HttpRequest request, HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        ValidatableResponse validatable = response.body().isEmpty()
                ? ValidatableResponse.create(response.statusCode(), headers)
                : ValidatableResponse.create(response.statusCode(), headers, Buffer.buffer(response.body()), contentType);
        try {
            await(responses.validate(validatable, operation.getOperationId()));
        } catch (AssertionError e) {
            throw new AssertionError("OpenAPI: the " + response.statusCode() + " answer to " + request.method() + " "
                    + request.uri().getRawPath() + " does not conform: " + e.getMessage() + "\n" + response.body(), e);
        }
    }

    private void checkRequest(HttpRequest request, byte[] body) {
        URI uri = request.uri();
        HttpRequest.Builder copy = HttpRequest.newBuilder(URI.create(mirror + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(request.method(), body.length == 0 && !"POST".equals(request.method())
                        && !"PUT".equals(request.method())
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : REQUEST_HEADERS) {
            request.headers().firstValue(name).ifPresent(value -> copy.header(name, value));
        }
        HttpResponse<String> verdict;
        try {
            verdict = mirrorClient.send(copy.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (verdict.statusCode() != 204) {
            throw new AssertionError("OpenAPI: the API accepted " + request.method() + " " + uri.getRawPath()
                    + ", a request that does not conform: " + verdict.body());
        }
    }

    private static void validate(RequestValidator requests, HttpServerRequest request) {
        requests.validate(request).onComplete(validated -> {
            if (validated.succeeded()) {
                request.response().setStatusCode(204).end();
            } else {
                request.response().setStatusCode(422).end(describe(validated.cause()));
            }
        });
    }

    private static String describe(Throwable failure) {
        if (failure instanceof SchemaValidationException invalid && invalid.getOutputUnit() != null) {
            return failure.getMessage() + " " + invalid.getOutputUnit().toJson().encode();
        }
        return String.valueOf(failure.getMessage());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the OpenAPI validator did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
