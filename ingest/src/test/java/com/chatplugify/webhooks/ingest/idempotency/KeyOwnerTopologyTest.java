package com.chatplugify.webhooks.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.ingest.idempotency.ClaimResult.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keys' owner as a topology: answers by request id, keys kept in their store and forgotten after the window. */
class KeyOwnerTopologyTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ClaimCommand> requests;
    private final TestOutputTopic<String, ClaimResult> results;

    KeyOwnerTopologyTest() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "idempotency-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        driver = new TopologyTestDriver(IdempotencyTopology.build(clock), props, T0);
        requests = driver.createInputTopic(Topics.IDEMPOTENCY_REQUESTS, new StringSerializer(),
                new JsonSerde<>(ClaimCommand.class));
        results = driver.createOutputTopic(Topics.IDEMPOTENCY_RESULTS, new StringDeserializer(),
                new JsonSerde<>(ClaimResult.class));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldDecideTwoClaimsOfOneKeyOneAfterTheOtherAndAnswerEachByItsRequestId() {
        requests.pipeInput("key-1", claim("r1", "a"));
        requests.pipeInput("key-1", claim("r2", "a"));
        requests.pipeInput("key-2", claim("r3", "a"));

        List<ClaimResult> answers = results.readValuesToList();

        assertThat(answers).extracting(ClaimResult::requestId).containsExactly("r1", "r2", "r3");
        assertThat(answers).extracting(ClaimResult::verdict)
                .containsExactly(Verdict.GRANTED, Verdict.IN_PROGRESS, Verdict.GRANTED);
    }

    @Test
    void shouldReplayASettledKeyAndForgetItOnceItsWindowHasPassed() {
        requests.pipeInput("key-1", claim("r1", "a"));
        requests.pipeInput("key-1", ClaimCommand.settle("r1", List.of(0), clock.instant().plusSeconds(10)));
        requests.pipeInput("key-1", claim("r2", "a"));
        KeyValueStore<String, KeyRecord> keys = driver.getKeyValueStore(IdempotencyTopology.KEYS_STORE);
        assertThat(keys.get("key-1").complete()).isTrue();

        clock.advance(WINDOW.plusMinutes(1));
        driver.advanceWallClockTime(KeyOwnerProcessor.PURGE_EVERY);

        assertThat(results.readValuesToList()).extracting(ClaimResult::verdict)
                .containsExactly(Verdict.GRANTED, Verdict.SETTLED, Verdict.REPLAYED);
        assertThat(keys.get("key-1")).isNull();
        assertThat(driver.<String, String>getKeyValueStore(IdempotencyTopology.EXPIRIES_STORE).approximateNumEntries())
                .isZero();
    }

    private ClaimCommand claim(String requestId, String fingerprint) {
        Instant now = clock.instant();
        return ClaimCommand.claim(requestId, fingerprint, List.of("evt_" + requestId), now, WINDOW, now.plusSeconds(30),
                now.plusSeconds(10));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
