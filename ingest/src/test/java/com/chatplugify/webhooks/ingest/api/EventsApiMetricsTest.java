package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.ingest.eventtypes.DataValidation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EventsApiMetricsTest {

    @Test
    void shouldCreateTheIngestedAndInvalidCountersOfEveryEventTypeAndReasonAtZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        new EventsApi(new EventSubmission(new EventPublisher(producer, Clock.systemUTC()), null, Duration.ofSeconds(1),
                Clock.systemUTC()), new InFlightBytes(1024), registry, DataValidation.off(),
                Clock.systemUTC());

        EventTypes.DOMAIN.forEach(type -> assertThat(count(registry, WebhookMetrics.EVENTS_INGESTED, "event", type)).isZero());
        Violation.REASONS.forEach(reason -> assertThat(count(registry, WebhookMetrics.EVENTS_INVALID, "reason", reason)).isZero());
    }

    private static double count(SimpleMeterRegistry registry, String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        assertThat(counter).as("%s{%s=%s}", name, tag, value).isNotNull();
        return counter.count();
    }
}
