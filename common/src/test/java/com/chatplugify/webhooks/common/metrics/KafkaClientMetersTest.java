package com.chatplugify.webhooks.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaClientMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockProducer<String, String> producer =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());

    @Test
    void shouldRegisterTheClientsMetricsAtOnceAndRemoveThemWhenClosed() {
        MetricName sendRate = new MetricName("record-send-rate", "producer-metrics", "", Map.of("client-id", "p"));
        producer.setMockMetrics(sendRate, metric(sendRate, 4));

        KafkaClientMeters meters = KafkaClientMeters.of(producer);
        meters.bindTo(registry);
        assertThat(registry.get("kafka.producer.record.send.rate").gauge().value()).isEqualTo(4);

        meters.close();
        assertThat(registry.find("kafka.producer.record.send.rate").gauge()).isNull();
    }

    @Test
    void shouldPickUpMetricsThatAppearLaterOnItsScheduler() {
        try (KafkaClientMeters meters = KafkaClientMeters.of((scheduler, refresh) ->
                new KafkaClientMetrics(producer, Tags.empty(), scheduler, Duration.ofMillis(50)))) {
            meters.bindTo(registry);
            MetricName sent = new MetricName("record-send-total", "producer-topic-metrics", "",
                    Map.of("client-id", "p", "topic", "chatplugify.deliveries"));
            producer.setMockMetrics(sent, metric(sent, 7));

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.find("kafka.producer.topic.record.send.total").tag("topic", "chatplugify.deliveries")
                            .functionCounter() != null);
        }
    }

    private static Metric metric(MetricName name, double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
