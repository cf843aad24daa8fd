package com.chatplugify.webhooks.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The ingest API under a closed loop of concurrent clients.
 *
 * @param call              {@code POST /v1/events} or {@code POST /v1/events/batch}
 * @param eventsPerRequest  1, or the batch size
 * @param accepted          requests answered 202
 * @param failed            requests answered otherwise, or not at all
 * @param latency           request sent → answer read
 * @param note              why the call was not measured, when it was not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResult(String call, int concurrency, int eventsPerRequest, double seconds, long accepted, long failed,
                        double requestsPerSecond, double eventsPerSecond, LatencySummary latency, String note) {
}
