package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.deliverer.testing.MisbehavingReceiver;
import com.chatplugify.webhooks.deliverer.testing.MisbehavingReceiver.Behaviour;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receivers that break HTTP on purpose: each attempt ends as a failed attempt within {@code delivery.timeout}
 * (2 s here), and the delivery moves to the first retry tier with the reason in {@code last-error}.
 */
class BadReceiversIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Time from the receiver's accept to the retry record beyond the timeout itself: scheduling and the write. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @TempDir
    Path folder;
    private final List<MisbehavingReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(MisbehavingReceiver::close);
    }

    @Test
    void shouldEndEachAttemptWithinTheTimeoutAndRecordWhyItFailed() {
        Map<String, String> expectedErrors = new LinkedHashMap<>();
        Map<String, MisbehavingReceiver> byCase = new LinkedHashMap<>();
        for (Behaviour behaviour : List.of(Behaviour.SILENT, Behaviour.ENDLESS_BODY, Behaviour.TRICKLE,
                Behaviour.HUGE_HEADER, Behaviour.GARBAGE, Behaviour.HANG_UP)) {
            byCase.put(behaviour.name(), receiver(MisbehavingReceiver.plain(behaviour)));
        }
        byCase.put("SELF_SIGNED_TLS", receiver(MisbehavingReceiver.selfSignedTls(folder)));
        byCase.put("PLAIN_HTTP_ON_HTTPS", receiver(MisbehavingReceiver.plain(Behaviour.OK)));
        expectedErrors.put("SILENT", "timed out");
        expectedErrors.put("ENDLESS_BODY", "timed out");
        expectedErrors.put("TRICKLE", "timed out");
        expectedErrors.put("HUGE_HEADER", "line length limit exceeded");
        expectedErrors.put("GARBAGE", "Invalid protocol version");
        expectedErrors.put("HANG_UP", "closed");
        expectedErrors.put("SELF_SIGNED_TLS", "PKIX path building failed");
        expectedErrors.put("PLAIN_HTTP_ON_HTTPS", "Unrecognized SSL message");

        try (DelivererHarness harness = DelivererHarness.start(Map.of(DelivererConfig.TIMEOUT, "2s",
                DelivererConfig.BREAKER_FAILURE_THRESHOLD, "100"))) {
            Map<String, Subscription> webhooks = new LinkedHashMap<>();
            byCase.forEach((name, receiver) -> webhooks.put(name, harness.createWebhook(
                    name.equals("PLAIN_HTTP_ON_HTTPS") ? receiver.httpsUrl("/hook") : receiver.url("/hook"))));
            webhooks.values().forEach(webhook -> harness.deliver(webhook.id()));

            SoftAssertions softly = new SoftAssertions();
            webhooks.forEach((name, webhook) -> {
                ConsumerRecord<String, byte[]> retry = await(name + " moved to the first retry tier")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> harness.records(Topics.retryTier(1), webhook.id()), records -> !records.isEmpty())
                        .get(0);
                softly.assertThat(header(retry, DeliveryHeaders.LAST_ERROR)).as(name).contains(expectedErrors.get(name));
                softly.assertThat(header(retry, DeliveryHeaders.ATTEMPTS)).as(name).isEqualTo("1");
                softly.assertThat(header(retry, DeliveryHeaders.LAST_STATUS)).as(name).isNull();
                List<Instant> accepted = byCase.get(name).accepted();
                softly.assertThat(accepted).as(name + " was connected to").isNotEmpty();
                if (!accepted.isEmpty()) {
                    softly.assertThat(Duration.between(accepted.get(0), Instant.ofEpochMilli(retry.timestamp())))
                            .as(name + ": from connection to failed attempt").isLessThan(TIMEOUT.plus(SLACK));
                }
            });
            softly.assertAll();
            assertThat(harness.deliverers()).allMatch(DelivererRole::assigned);
        }
    }

    private MisbehavingReceiver receiver(MisbehavingReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }
}
