package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 description of the {@code /v1} API, the file
 * {@code openapi/openapi.json} of the ingest module's resources as it is. Like every {@code /v1} call it needs a
 * token; the file is also in the repository for tools that cannot call the API.
 */
public final class OpenApiDocumentApi {

    /** Where the document is on the classpath. */
    public static final String RESOURCE = "/openapi/openapi.json";

    private final byte[] document;

    private OpenApiDocumentApi(byte[] document) {
        this.document = document;
    }

    public static OpenApiDocumentApi load() {
        try (InputStream in = OpenApiDocumentApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new OpenApiDocumentApi(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/openapi.json", this::serve);
    }

    void serve(Context ctx) {
        ctx.contentType("application/json").header("Cache-Control", "no-cache").result(document);
    }
}
