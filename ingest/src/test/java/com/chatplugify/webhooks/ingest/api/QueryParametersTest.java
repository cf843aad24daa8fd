package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.api.AccessRules.Route;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The query parameters the API takes, route by route, are the ones the OpenAPI document describes. */
class QueryParametersTest {

    @Test
    void shouldTakeExactlyTheQueryParametersTheDocumentDescribesForEachRoute() throws IOException {
        JsonNode document = Json.mapper().readTree(OpenApiContract.document());
        int routes = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (operation.getKey().equals("parameters")) {
                    continue;
                }
                Set<String> described = new TreeSet<>();
                queryParameters(document, path.getValue().path("parameters"), described);
                queryParameters(document, operation.getValue().path("parameters"), described);
                Route route = new Route(operation.getKey().toUpperCase(Locale.ROOT), path.getKey());

                assertThat(new TreeSet<>(QueryParameters.acceptedBy(route))).as("query parameters of %s", route)
                        .isEqualTo(described);
                routes++;
            }
        }
        assertThat(routes).isGreaterThan(15);
    }

    private static void queryParameters(JsonNode document, JsonNode parameters, Set<String> names) {
        for (JsonNode parameter : parameters) {
            JsonNode resolved = parameter.has("$ref")
                    ? document.at(parameter.get("$ref").textValue().substring(1)) : parameter;
            if (resolved.path("in").asText().equals("query")) {
                names.add(resolved.get("name").textValue());
            }
        }
    }
}
