package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With nothing listening where kafka.bootstrap.servers points, the readiness checks answer within seconds and say
 * which servers did not answer within how long, and the start-up's topic creation fails saying the same.
 */
class KafkaReadinessTest {

    private final WebhooksConfig config = new WebhooksConfig(CommonConfig.define(new ConfigDef()), Map.of());
    private String nowhere;
    private Admin admin;

    @BeforeEach
    void connectToNothing() {
        nowhere = "127.0.0.1:" + LoopbackPorts.unused();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nowhere));
    }

    @AfterEach
    void close() {
        admin.close(Duration.ZERO);
    }

    @Test
    void shouldAnswerWithinSecondsNamingTheServersThatDidNotAnswer() {
        HealthChecks health = new HealthChecks();
        new KafkaReadiness(admin, nowhere, () -> TopicCatalogue.topics(config), KafkaReadiness.PROBE_TIMEOUT)
                .addTo(health);

        HealthChecks.Report report = await().atMost(Duration.ofSeconds(6)).until(health::readiness, r -> true);

        assertThat(report.ok()).isFalse();
        assertThat(report.checks().get("kafka"))
                .isEqualTo(HealthChecks.Status.down("no answer from kafka.bootstrap.servers=" + nowhere + " within 2s"));
        assertThat(report.checks().get("topics")).isEqualTo(
                HealthChecks.Status.down("not checked: no answer from kafka.bootstrap.servers=" + nowhere + " within 2s"));
    }

    @Test
    void shouldFailTopicCreationNamingTheServersAndTheWait() {
        TopicInitializer topics = new TopicInitializer(admin, Duration.ofSeconds(1), nowhere);

        await().atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                assertThatThrownBy(() -> topics.ensure(TopicCatalogue.topics(config)))
                        .isInstanceOf(KafkaUnreachableException.class)
                        .hasMessage("Cannot create the topics: no answer from kafka.bootstrap.servers=" + nowhere
                                + " within 1s"));
    }
}
