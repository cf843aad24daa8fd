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
import java.util.function.Function;

/**
 * Creates the bench's webhooks through the public API ({@code POST /v1/webhooks}), as a customer would; the API
 * answers once the subscription is in {@code chatplugify.subscriptions}. Deletes them the same way.
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

    /**
     * A webhook to create.
     *
     * @param ordering {@code unordered} or {@code fifo}
     */
    public record Webhook(String workspaceId, String url, String ordering) {

        public Webhook(String workspaceId, String url) {
            this(workspaceId, url, "unordered");
        }
    }

    /** Creates the webhooks and returns their ids, in the same order. */
    public List<String> create(List<Webhook> webhooks) {
        return inChunks(webhooks, this::create);
    }

    /** Deletes webhooks: what is still pending for them is dropped, so they cost the system nothing more. */
    public void delete(List<String> webhookIds) {
        inChunks(webhookIds, this::delete);
    }

    private static <T, R> List<R> inChunks(List<T> items, Function<T, CompletableFuture<R>> call) {
        List<R> results = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += CONCURRENCY) {
            List<CompletableFuture<R>> chunk = new ArrayList<>();
            for (T item : items.subList(from, Math.min(items.size(), from + CONCURRENCY))) {
                chunk.add(call.apply(item));
            }
            chunk.forEach(future -> results.add(future.join()));
        }
        return List.copyOf(results);
    }

    private CompletableFuture<String> delete(String webhookId) {
        HttpRequest request = request("/v1/webhooks/" + webhookId).DELETE().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 204 && response.statusCode() != 404) {
                throw new IllegalStateException("DELETE /v1/webhooks/" + webhookId + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return webhookId;
        });
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiToken);
    }

    private CompletableFuture<String> create(Webhook webhook) {
        String body = Json.toString(Map.of(
                "workspaceId", webhook.workspaceId(),
                "url", webhook.url(),
                "events", BenchEvents.FILTER,
                "headers", Map.of("Authorization", "Bearer bench-receiver"),
                "description", "bench",
                "ordering", webhook.ordering()));
        HttpRequest request = request("/v1/webhooks")
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
