package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.app.ApiTokenStore;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code /v1} API as a command calls it: with the admin token ({@code api.token}, or the one a standalone system
 * generated under {@code data.dir}), JSON both ways. A refusal is an {@link ApiRefusal} carrying the API's reason.
 */
final class AdminApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI baseUrl;
    private final String token;

    AdminApi(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * @param url the API's address, or null for this configuration's own ({@code http.host}:{@code http.port})
     * @throws ConfigException naming {@code api.token} when no admin token is configured nor generated
     */
    static AdminApi of(WebhooksConfig config, String url) {
        String token = config.getSecret(CommonConfig.API_TOKEN);
        if (token == null) {
            token = ApiTokenStore.existing(config.getPath(CommonConfig.DATA_DIR)).orElseThrow(() -> new ConfigException(
                    CommonConfig.API_TOKEN, null, "the admin token is needed: set api.token (or WEBHOOKS_API_TOKEN), "
                            + "or run from where a standalone system keeps data.dir/api-token"));
        }
        return new AdminApi(URI.create(url != null ? url : ownAddress(config)), token);
    }

    private static String ownAddress(WebhooksConfig config) {
        String host = config.getString(CommonConfig.HTTP_HOST);
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.getInt(CommonConfig.HTTP_PORT);
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** @return the answer's JSON body, or null when it has none (204) */
    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(Json.toString(body))));
    }

    JsonNode delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = response.body().isEmpty() ? null : parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new ApiRefusal(response.statusCode(), body);
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException notJson) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }

    /** A non-2xx answer: its status and the API's {@code {"error", "detail"}}. */
    static final class ApiRefusal extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;

        ApiRefusal(int status, JsonNode body) {
            super("the API answered " + status + (body == null ? "" : ": " + describe(body)));
            this.status = status;
        }

        int status() {
            return status;
        }

        private static String describe(JsonNode body) {
            if (body.has("error")) {
                JsonNode detail = body.get("detail");
                return body.get("error").asText() + (detail == null || detail.isNull() ? "" : " (" + text(detail) + ")");
            }
            return text(body);
        }

        /** Violations read as their messages, one after the other. */
        private static String text(JsonNode node) {
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isArray()) {
                List<String> parts = new ArrayList<>();
                node.forEach(item -> parts.add(item.has("message") ? item.get("message").asText() : text(item)));
                return String.join("; ", parts);
            }
            return Json.toString(node);
        }
    }
}
