package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writes to one webhook, from many threads through two ingest instances on one broker: each write applies
 * atomically to the version it finds or names, so no update is lost, a stale {@code If-Match} gets 412 and a taken
 * id 409.
 */
class ConcurrentWebhookWritesIT {

    private static IngestTestServer first;
    private static IngestTestServer second;
    private static ExecutorService threads;

    private final String workspace = "ws_" + UUID.randomUUID();

    @BeforeAll
    static void startTwoInstances() {
        first = IngestTestServer.start(Map.of()).awaitReady();
        second = IngestTestServer.start(Map.of()).awaitReady();
        threads = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        first.close();
        second.close();
    }

    @Test
    void shouldCreateAWebhookOnceWhenManyCreateItsIdAtOnce() throws Exception {
        String id = "webhook_" + UUID.randomUUID();

        List<ApiClient.Response> answers = all(16, i -> api(i).post("/v1/webhooks", body(Map.of("id", id,
                "description", "creator " + i))));

        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() != 201)
                .hasSize(15).allSatisfy(answer -> {
                    assertThat(answer.status()).as(answer.body()).isEqualTo(409);
                    assertThat(answer.error()).isEqualTo("conflict");
                });
        ApiClient.Response created = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
        JsonNode read = first.api().get("/v1/webhooks/" + id).json();
        assertThat(read.get("description").textValue()).isEqualTo(created.json().get("description").textValue());
        assertThat(read.get("version").longValue()).isEqualTo(1);
    }

    @Test
    void shouldApplyEachVersionOnceWhenWritersRaceWithIfMatch() throws Exception {
        String id = create();
        int writers = 12;
        int writesEach = 4;

        List<List<ApiClient.Response>> answers = all(writers, writer -> {
            List<ApiClient.Response> mine = new ArrayList<>();
            int done = 0;
            while (done < writesEach) {
                ApiClient api = api(writer);
                String etag = api.get("/v1/webhooks/" + id).header("ETag").orElseThrow();
                ApiClient.Response answer = api.put("/v1/webhooks/" + id,
                        body(Map.of("description", "writer " + writer + " write " + done)), etag);
                mine.add(answer);
                if (answer.status() == 200) {
                    done++;
                }
            }
            return mine;
        });

        List<ApiClient.Response> all = answers.stream().flatMap(List::stream).toList();
        List<ApiClient.Response> applied = all.stream().filter(answer -> answer.status() == 200).toList();
        List<ApiClient.Response> refused = all.stream().filter(answer -> answer.status() != 200).toList();
        assertThat(refused).as("stale If-Match answers").isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(412);
            assertThat(answer.error()).isEqualTo("precondition_failed");
            assertThat(answer.header("ETag")).isPresent();
        });
        // Every accepted write made a version of its own: 2, 3, ... with none lost and none applied twice.
        assertThat(applied).extracting(answer -> answer.json().get("version").longValue())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, 1 + writers * writesEach).boxed().toList());
        assertThat(applied).allSatisfy(answer -> assertThat(answer.header("ETag"))
                .hasValue("\"" + answer.json().get("version").longValue() + "\""));
        ApiClient.Response last = applied.stream()
                .max(Comparator.comparingLong(answer -> answer.json().get("version").longValue())).orElseThrow();
        JsonNode read = second.api().get("/v1/webhooks/" + id).json();
        assertThat(read.get("version").longValue()).isEqualTo(1 + writers * writesEach);
        assertThat(read.get("description").textValue()).isEqualTo(last.json().get("description").textValue());
    }

    @Test
    void shouldLoseNoChangeWhenRotationsAndAReplaceRaceWithoutIfMatch() throws Exception {
        String id = create();
        String originalSecret = first.api().get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue();

        List<ApiClient.Response> answers = all(5, i -> i == 0
                ? api(i).put("/v1/webhooks/" + id, body(Map.of("description", "replaced")))
                : api(i).post("/v1/webhooks/" + id + "/rotate-secret", ""));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(answers).extracting(answer -> answer.json().get("version").longValue())
                .containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L);
        List<ApiClient.Response> rotations = answers.subList(1, answers.size());
        ApiClient.Response lastRotation = rotations.stream()
                .max(Comparator.comparingLong(answer -> answer.json().get("version").longValue())).orElseThrow();
        // Each rotation retired the secret it found: the original and the three rotated before the last one.
        assertThat(lastRotation.json().get("retiringSecretsExpireAt")).hasSize(4);
        assertThat(rotations).extracting(answer -> answer.json().get("secret").textValue())
                .doesNotHaveDuplicates().doesNotContain(originalSecret);
        JsonNode read = first.api().get("/v1/webhooks/" + id).json();
        assertThat(read.get("description").textValue()).isEqualTo("replaced");
        assertThat(read.get("version").longValue()).isEqualTo(6);
        assertThat(second.api().get("/v1/webhooks/" + id + "/secret").json().get("secret").textValue())
                .isEqualTo(lastRotation.json().get("secret").textValue());
    }

    @Test
    void shouldRefuseEveryWriteNamingAStaleVersionAndChangeNothing() {
        String id = create();
        String stale = first.api().get("/v1/webhooks/" + id).header("ETag").orElseThrow();
        assertThat(stale).isEqualTo("\"1\"");
        assertThat(second.api().put("/v1/webhooks/" + id, body(Map.of("description", "v2")), stale).status()).isEqualTo(200);

        List<ApiClient.Response> refused = List.of(
                first.api().put("/v1/webhooks/" + id, body(Map.of("description", "lost")), stale),
                second.api().post("/v1/webhooks/" + id + "/rotate-secret", "", stale),
                first.api().delete("/v1/webhooks/" + id, stale),
                second.api().delete("/v1/webhooks/" + id, "W/\"2\""));

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(412);
            assertThat(answer.error()).isEqualTo("precondition_failed");
            assertThat(answer.header("ETag")).hasValue("\"2\"");
        });
        ApiClient.Response read = first.api().get("/v1/webhooks/" + id);
        assertThat(read.header("ETag")).hasValue("\"2\"");
        assertThat(read.json().get("description").textValue()).isEqualTo("v2");
        assertThat(second.api().delete("/v1/webhooks/" + id, "\"2\"").status()).isEqualTo(204);
        assertThat(first.api().get("/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer404ForAWriteToAnUnknownWebhookAnd400ForAMalformedIfMatch() {
        String id = create();

        assertThat(first.api().put("/v1/webhooks/webhook_unknown_" + UUID.randomUUID(), body(Map.of()), "\"1\"").status())
                .isEqualTo(404);
        ApiClient.Response malformed = first.api().put("/v1/webhooks/" + id, body(Map.of()), "1");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).isEqualTo("invalid_header");
        assertThat(first.api().get("/v1/webhooks/" + id).json().get("version").longValue()).isEqualTo(1);
    }

    private String create() {
        ApiClient.Response created = first.api().post("/v1/webhooks", body(Map.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).hasValue("\"1\"");
        return created.json().get("id").textValue();
    }

    private static ApiClient api(int i) {
        return (i % 2 == 0 ? first : second).api();
    }

    private String body(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workspaceId", workspace);
        body.put("url", "https://example.com/hooks");
        body.put("events", List.of("*"));
        body.putAll(fields);
        return Json.toString(body);
    }

    /** Runs {@code count} calls at once, released together, and returns their answers in order. */
    private static <T> List<T> all(int count, IndexedCall<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> futures.add(threads.submit((Callable<T>) () -> {
            go.await();
            return call.call(i);
        })));
        go.countDown();
        List<T> answers = new ArrayList<>();
        for (Future<T> future : futures) {
            answers.add(future.get(2, TimeUnit.MINUTES));
        }
        return Collections.unmodifiableList(answers);
    }

    @FunctionalInterface
    private interface IndexedCall<T> {
        T call(int i) throws Exception;
    }
}
