package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.bench.drive.BenchEvents;
import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Creates the bench's webhooks through the public API ({@code POST /v1/webhooks}), as a customer would; the API
 * answers once the subscription is in {@code chatplugify.subscriptions}.
 */
public final class WebhookRegistrar {

    private static final int CONCURRENCY = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String apiUrl;
    private final String apiToken;

    public WebhookRegistrar(String apiUrl, String apiToken) {
        this.apiUrl = apiUrl;
        this.apiToken = apiToken;
    }

    /** A webhook to create: the workspace it belongs to and the URL it posts to. */
    public record Webhook(String workspaceId, String url) {
    }

    /** Creates the webhooks and returns their ids, in the same order. */
    public List<String> create(List<Webhook> webhooks) {
        List<String> ids = new ArrayList<>(webhooks.size());
        for (int from = 0; from < webhooks.size(); from += CONCURRENCY) {
            List<CompletableFuture<String>> chunk = new ArrayList<>();
            for (Webhook webhook : webhooks.subList(from, Math.min(webhooks.size(), from + CONCURRENCY))) {
                chunk.add(create(webhook));
            }
            chunk.forEach(future -> ids.add(future.join()));
        }
        return List.copyOf(ids);
    }

    private CompletableFuture<String> create(Webhook webhook) {
        String body = Json.toString(Map.of(
                "workspaceId", webhook.workspaceId(),
                "url", webhook.url(),
                "events", BenchEvents.FILTER,
                "headers", Map.of("Authorization", "Bearer bench-receiver"),
                "description", "bench"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/v1/webhooks"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /v1/webhooks answered " + response.statusCode() + ": " + response.body());
            }
            try {
                JsonNode created = Json.mapper().readTree(response.body());
                return created.get("id").textValue();
            } catch (IOException e) {
                throw new UncheckedIOException("POST /v1/webhooks answered 201 without a JSON webhook", e);
            }
        });
    }
}
