package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.app.testing.TestSystem;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * Raising the waits and topics.retry.retention together does not change topics that exist: a deliverer started so
 * against them stops, naming the topic that would delete a waiting delivery, rather than lose it later.
 */
class RetryTopicsRetentionIT {

    @Test
    void shouldNotStartADelivererOnTopicsThatKeepRecordsNoLongerThanItsLongestWait() {
        TestSystem.shared(); // the topics exist, made with the default topics.retry.retention of 7d

        assertThatThrownBy(() -> TestSystem.start(Map.of("delivery.max-age", "8d", "topics.retry.retention", "9d")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keeps records 7d (retention.ms=604800000), not longer than delivery.max-age = 8d");
    }
}
