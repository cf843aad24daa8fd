package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.deadletters.DeadLetterPage;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetterQuery;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetters;
import com.chatplugify.webhooks.ingest.deadletters.InvalidCursorException;
import com.chatplugify.webhooks.ingest.deadletters.ReplayInterruptedException;
import com.chatplugify.webhooks.ingest.deadletters.ReplayProgress;
import com.chatplugify.webhooks.ingest.deadletters.ReplayReport;
import com.chatplugify.webhooks.ingest.deadletters.ReplayRequest;
import com.chatplugify.webhooks.ingest.deadletters.ScanCursor;
import com.chatplugify.webhooks.ingest.deadletters.ScansBusyException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code GET /v1/dead-letters} lists what sits in the dead-letter topic, oldest first (newest last), a page at a
 * time; {@code POST /v1/dead-letters/replay} re-delivers the matches of the same filters, at most {@code limit}
 * per call, never one twice. Each call's work is bounded; {@code nextCursor} continues where it stopped.
 */
public final class DeadLettersApi {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    static final int DEFAULT_REPLAYS = 1000;
    static final int MAX_REPLAYS = 10_000;
    private static final long MAX_SCANNED_PER_PAGE = 100_000;
    private static final Duration PAGE_BUDGET = Duration.ofSeconds(10);
    private static final long MAX_SCANNED_PER_REPLAY = 1_000_000;
    private static final Duration REPLAY_BUDGET = Duration.ofSeconds(60);
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    private static final KnownFields REPLAY_FIELDS = KnownFields.of(Set.of("workspaceId", "webhookId", "event", "reason", "from", "to",
            "dryRun", "limit", "cursor"));

    private final DeadLetters deadLetters;
    private final Executor replays;

    /** @param replays runs replays one at a time, off the request threads */
    public DeadLettersApi(DeadLetters deadLetters, Executor replays) {
        this.deadLetters = deadLetters;
        this.replays = replays;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/dead-letters", this::list);
        app.post("/v1/dead-letters/replay", this::replay);
    }

    void list(Context ctx) {
        RequestParameters parameters = RequestParameters.ofQuery(ctx);
        DeadLetterQuery query = parameters.deadLetterQuery();
        int limit = parameters.integer("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        ScanCursor cursor = parameters.cursor();
        deadLetters.replayed().catchUp(deadLetters.kafkaTimeout());
        DeadLetterPage page;
        try {
            page = deadLetters.scanner().page(query, cursor, limit, MAX_SCANNED_PER_PAGE, PAGE_BUDGET);
        } catch (ScansBusyException e) {
            throw busy(e);
        } catch (InvalidCursorException e) {
            throw RequestParameters.invalidCursor(e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", page.entries().stream().map(entry ->
                DeadLetterJson.of(entry, deadLetters.replayed().replayedAt(entry.id()).orElse(null))).toList());
        json.put("hasMore", page.hasMore());
        json.put("nextCursor", page.next() == null ? null : page.next().encode());
        ctx.json(json);
    }

    void replay(Context ctx) {
        JsonNode body = JsonBodies.readOptional(ctx, ApiLimits.MAX_BODY_BYTES);
        RequestParameters parameters = RequestParameters.ofBody(body, REPLAY_FIELDS);
        ReplayRequest request = new ReplayRequest(parameters.deadLetterQuery(), parameters.cursor(),
                parameters.bool("dryRun", false), parameters.integer("limit", DEFAULT_REPLAYS, 1, MAX_REPLAYS),
                MAX_SCANNED_PER_REPLAY, REPLAY_BUDGET);
        ctx.future(() -> CompletableFuture.supplyAsync(() -> run(request), replays)
                .thenAccept(report -> ctx.json(DeadLetterJson.of(report))));
    }

    private ReplayReport run(ReplayRequest request) {
        try {
            return deadLetters.replayer().replay(request, ReplayProgress.NONE);
        } catch (ReplayInterruptedException e) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("message", e.getMessage() + "; what is reported was replayed, repeat the request for the rest");
            detail.put("replayedSoFar", DeadLetterJson.of(e.soFar()));
            if (e.concurrentReplay()) {
                throw new ApiException(409, "replay_conflict", detail);
            }
            throw ApiException.unavailable(detail, ApiErrors.BROKER_RETRY_AFTER);
        } catch (ScansBusyException e) {
            throw busy(e);
        } catch (InvalidCursorException e) {
            throw RequestParameters.invalidCursor(e);
        }
    }

    private static ApiException busy(ScansBusyException e) {
        return ApiException.unavailable(e.getMessage() + "; retry shortly", BUSY_RETRY_AFTER);
    }
}
