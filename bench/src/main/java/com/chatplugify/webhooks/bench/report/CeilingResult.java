package com.chatplugify.webhooks.bench.report;

/**
 * Kafka's own producer benchmark ({@code ProducerPerformance}) on the same broker with records like the bench's
 * events: the physical ceiling of any pipeline that writes each event to Kafka at least once.
 */
public record CeilingResult(long records, int recordBytes, double recordsPerSecond, double mbPerSecond,
                            double avgLatencyMs, double p99LatencyMs, String producerSettings) {
}
