package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.chatplugify.webhooks.ingest.testing.RouteRecorder;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the running API: it is a valid OpenAPI 3.1 document (the validator refuses to load
 * any other), it describes every route the server serves under /v1 and none that it does not, and the API serves it.
 * (Every request and answer of the other API tests is checked against it by {@link ApiClient}.)
 */
class OpenApiDocumentIT {

    private final IngestTestServer server = IngestTestServer.shared();

    @Test
    void shouldDescribeEveryRouteOfTheApiAndNoOther() throws IOException {
        Set<String> served = new TreeSet<>();
        Set<String> heads = new TreeSet<>();
        for (RouteRecorder.Route route : server.routes()) {
            if (route.path().startsWith("/v1/")) {
                // A HEAD route is its GET's, without a body: the document describes the GET alone.
                (route.method().equals("HEAD") ? heads : served).add(route.method() + " "
                        + route.path().replaceAll("<([^>]+)>", "{$1}"));
            }
        }
        Set<String> described = new TreeSet<>();
        JsonNode paths = Json.mapper().readTree(OpenApiContract.document()).get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        assertThat(served).as("routes the server serves").hasSizeGreaterThan(15);
        assertThat(described).as("described routes").containsExactlyElementsOf(served);
        assertThat(heads).as("HEAD routes").containsExactlyElementsOf(served.stream()
                .filter(route -> route.startsWith("GET ")).map(route -> "HEAD" + route.substring(3)).toList());
        served.forEach(route -> {
            String[] parts = route.split(" ");
            assertThat(OpenApiContract.shared().operation(parts[0], parts[1].replace("{id}", "x1")))
                    .as("the validator's operation for %s", route).isNotNull();
        });
    }

    @Test
    void shouldServeTheDocumentOfTheRepositoryAsOpenApi31ToCallersWithAToken() throws IOException {
        ApiClient.Response served = server.api().get("/v1/openapi.json");
        ApiClient.Response anonymous = OpenApiContract.checkedClient(server.api().baseUrl(), "")
                .get("/v1/openapi.json");

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(served.json()).isEqualTo(Json.mapper().readTree(OpenApiContract.document()));
        assertThat(served.json().get("openapi").textValue()).isEqualTo("3.1.0");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
