package com.chatplugify.webhooks.bench.load;

import com.chatplugify.webhooks.bench.report.ApiResult;
import com.chatplugify.webhooks.bench.report.LatencySummary;
import com.chatplugify.webhooks.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code POST /v1/events} (or {@code /v1/events/batch}) with a closed loop of concurrent clients: each sends
 * its next request as soon as the previous one is answered. The events are of a workspace without webhooks, so the
 * figure is the API's (validation, the producer, the broker's acknowledgement) and not the pipeline's.
 */
public final class ApiLoad {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final String apiUrl;
    private final String apiToken;

    public ApiLoad(String apiUrl, String apiToken) {
        this.apiUrl = apiUrl;
        this.apiToken = apiToken;
    }

    /**
     * @param eventsPerRequest 1 for {@code POST /v1/events}, more for a batch
     */
    public ApiResult run(int concurrency, int eventsPerRequest, String workspaceId, Duration warmup, Duration duration)
            throws InterruptedException {
        boolean batch = eventsPerRequest > 1;
        String call = batch ? "POST /v1/events/batch" : "POST /v1/events";
        HttpRequest request = request(batch ? "/v1/events/batch" : "/v1/events", body(eventsPerRequest, workspaceId));
        HttpResponse<Void> first = probe(request);
        if (first == null || first.statusCode() != 202) {
            return new ApiResult(call, concurrency, eventsPerRequest, 0, 0, 0, 0, 0, LatencySummary.EMPTY,
                    "not measured: the API answered " + (first == null ? "nothing" : first.statusCode()));
        }
        Loop loop = new Loop(request, concurrency);
        loop.start();
        Thread.sleep(warmup.toMillis());
        loop.measuring = true;
        long started = System.nanoTime();
        loop.latency.reset();
        Thread.sleep(duration.toMillis());
        loop.measuring = false;
        double seconds = (System.nanoTime() - started) / 1e9;
        loop.stop();
        long accepted = loop.accepted.sum();
        return new ApiResult(call, concurrency, eventsPerRequest, Math.round(seconds * 10) / 10.0, accepted,
                loop.failed.sum(), Math.round(accepted / seconds * 10) / 10.0,
                Math.round(accepted * eventsPerRequest / seconds * 10) / 10.0,
                LatencySummary.ofMicros(loop.latency.getIntervalHistogram()), null);
    }

    private HttpResponse<Void> probe(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private HttpRequest request(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static byte[] body(int events, String workspaceId) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(Map.of("event", "conversation.created", "workspaceId", workspaceId,
                    "data", Map.of("id", "conv_" + i, "status", "active", "channel", "web", "subject", "Where is my order?")));
        }
        return Json.toBytes(events == 1 ? batch.get(0) : batch);
    }

    /** The concurrent clients: each chains its next request onto the answer to the previous one. */
    private final class Loop {

        private final HttpRequest request;
        private final int concurrency;
        private final CountDownLatch stopped;
        private final Recorder latency = new Recorder(3);
        private final LongAdder accepted = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private volatile boolean running = true;
        private volatile boolean measuring;

        Loop(HttpRequest request, int concurrency) {
            this.request = request;
            this.concurrency = concurrency;
            this.stopped = new CountDownLatch(concurrency);
        }

        void start() {
            for (int client = 0; client < concurrency; client++) {
                next();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            stopped.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }

        private void next() {
            if (!running) {
                stopped.countDown();
                return;
            }
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, e) -> {
                if (measuring) {
                    if (e == null && response.statusCode() == 202) {
                        accepted.increment();
                        latency.recordValue((System.nanoTime() - sent) / 1_000);
                    } else {
                        failed.increment();
                    }
                }
                next();
            });
        }
    }
}
