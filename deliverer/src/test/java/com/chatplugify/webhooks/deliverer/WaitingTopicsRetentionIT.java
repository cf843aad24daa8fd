package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A topic deliveries wait in keeps the retention it was created with; one shorter than the waits stops start-up. */
class WaitingTopicsRetentionIT {

    private static final Admin ADMIN = TestKafka.admin();
    private static final WaitingTopicsRetention.Wait MAX_AGE =
            new WaitingTopicsRetention.Wait(DelivererConfig.MAX_AGE, Duration.ofDays(3));

    private final WaitingTopicsRetention retention =
            new WaitingTopicsRetention(ADMIN, Duration.ofSeconds(30), TestKafka.bootstrapServers());

    @AfterAll
    static void close() {
        ADMIN.close();
    }

    @Test
    void shouldRefuseATopicThatDeletesRecordsBeforeTheLongestWaitIsOver() throws Exception {
        String longEnough = topic(Duration.ofDays(7));
        String tooShort = topic(Duration.ofDays(1));

        assertThatThrownBy(() -> retention.require(List.of(longEnough, tooShort), MAX_AGE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Topic " + tooShort + " keeps records 1d (retention.ms=86400000), not longer "
                        + "than delivery.max-age = 3d: a delivery waiting there that long would be deleted without a "
                        + "dead letter.")
                .hasMessageContaining("--entity-name " + tooShort + " --add-config retention.ms=");
    }

    @Test
    void shouldRefuseARetentionEqualToTheWait() throws Exception {
        String equal = topic(Duration.ofDays(3));

        assertThatThrownBy(() -> retention.require(List.of(equal), MAX_AGE)).isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldAcceptTopicsThatOutlastTheWaitOrKeepRecordsForEver() throws Exception {
        List<String> topics = List.of(topic(Duration.ofDays(7)), topic(null));

        assertThatCode(() -> retention.require(topics, MAX_AGE)).doesNotThrowAnyException();
    }

    @Test
    void shouldTakeTheLongestOfTheKeysAMayWaitDependsOn() {
        assertThat(WaitingTopicsRetention.longestWait(config(Map.of())))
                .isEqualTo(new WaitingTopicsRetention.Wait(DelivererConfig.MAX_AGE, Duration.ofDays(3)));
        assertThat(WaitingTopicsRetention.longestWait(config(Map.of(CommonConfig.DELIVERY_RETRY_DELAYS, "10s,5d",
                DelivererConfig.MAX_AGE, "4d"))))
                .isEqualTo(new WaitingTopicsRetention.Wait(CommonConfig.DELIVERY_RETRY_DELAYS, Duration.ofDays(5)));
        assertThat(WaitingTopicsRetention.longestWait(config(Map.of(DelivererConfig.RETRY_AFTER_MAX, "2h",
                DelivererConfig.MAX_AGE, "1h"))))
                .isEqualTo(new WaitingTopicsRetention.Wait(DelivererConfig.RETRY_AFTER_MAX, Duration.ofHours(2)));
    }

    /** A topic of this test's own with {@code retention} (null: for ever), so that the shared ones stay as they are. */
    private static String topic(Duration retention) throws Exception {
        String name = "chatplugify.test.retention-" + UUID.randomUUID();
        ADMIN.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of("retention.ms",
                retention == null ? "-1" : Long.toString(retention.toMillis()))))).all().get();
        return name;
    }

    private static WebhooksConfig config(Map<String, String> values) {
        return new WebhooksConfig(DelivererConfig.define(CommonConfig.define(new ConfigDef())), values);
    }
}
