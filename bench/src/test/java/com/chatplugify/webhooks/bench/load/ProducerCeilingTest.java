package com.chatplugify.webhooks.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.bench.report.CeilingResult;
import org.junit.jupiter.api.Test;

class ProducerCeilingTest {

    @Test
    void shouldReadTheSummaryLineOfProducerPerformance() {
        String output = """
                Reading payloads from: /tmp/p.txt
                Number of messages read: 1000
                242153 records sent, 48420.9 records/sec (13.67 MB/sec), 310.2 ms avg latency, 801.0 ms max latency.
                500000 records sent, 50125.3 records/sec (14.15 MB/sec), 290.45 ms avg latency, 812.00 ms max latency, 280 ms 50th, 640 ms 95th, 770 ms 99th, 805 ms 99.9th.
                """;

        CeilingResult result = ProducerCeiling.parse(output, 296).orElseThrow();

        assertThat(result.records()).isEqualTo(500_000);
        assertThat(result.recordsPerSecond()).isEqualTo(50125.3);
        assertThat(result.mbPerSecond()).isEqualTo(14.15);
        assertThat(result.p99LatencyMs()).isEqualTo(770);
        assertThat(result.recordBytes()).isEqualTo(296);
    }

    @Test
    void shouldFindNoSummaryInAFailedRun() {
        assertThat(ProducerCeiling.parse("Exception in thread \"main\" ...", 296)).isEmpty();
    }
}
