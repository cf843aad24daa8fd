package com.chatplugify.webhooks.ingest.owner;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class SubscriptionOwnerPropertiesTest {

    @Test
    void shouldGiveAKilledOwnersWebhooksToAnotherWithinTenSecondsUnlessKafkaSessionTimeoutSaysOtherwise() {
        Map<String, Object> props = SubscriptionOwner.consumerProperties(config(Map.of()), "owners");
        Map<String, Object> overridden = SubscriptionOwner.consumerProperties(
                config(Map.of("kafka.session.timeout.ms", "20000")), "owners");

        assertThat(props).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        assertThat(overridden.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).hasToString("20000");
    }

    private static WebhooksConfig config(Map<String, String> values) {
        return new WebhooksConfig(CommonConfig.define(new ConfigDef()), values);
    }
}
