package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class DelivererConsumerPropertiesTest {

    @Test
    void shouldEndEachFetchAtTheFirstRecordAndHoldAQuietOneAtMost100Ms() {
        ConsumerConfig consumer = consumerConfig(Map.of());

        assertThat(consumer.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)).isEqualTo(1);
        assertThat(consumer.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo(100);
    }

    @Test
    void shouldTakeTheConfiguredFetchSettings() {
        ConsumerConfig consumer = consumerConfig(Map.of("kafka.fetch.min.bytes", "65536",
                "kafka.fetch.max.wait.ms", "10"));

        assertThat(consumer.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)).isEqualTo(65536);
        assertThat(consumer.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo(10);
    }

    private static ConsumerConfig consumerConfig(Map<String, String> settings) {
        WebhooksConfig config = new WebhooksConfig(DelivererConfig.define(CommonConfig.define(new ConfigDef())),
                settings);
        Map<String, Object> properties = DelivererRole.consumerProperties(config, DeliveryOptions.from(config));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new ConsumerConfig(properties);
    }
}
