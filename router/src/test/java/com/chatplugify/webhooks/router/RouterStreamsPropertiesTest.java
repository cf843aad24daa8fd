package com.chatplugify.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.router.errors.WriteFailures;
import com.chatplugify.webhooks.router.topology.RouterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterStreamsPropertiesTest {

    @Test
    void shouldLingerOnlyBrieflyWhereWritesAreVisibleAtOnce() {
        assertThat(producerLinger(StreamsConfig.AT_LEAST_ONCE, Map.of())).isEqualTo(KafkaClients.LINGER_MS);
    }

    @Test
    void shouldLeaveStreamsItsLingerWhereTheCommitSendsTheWrites() {
        assertThat(producerLinger(StreamsConfig.EXACTLY_ONCE_V2, Map.of())).isEqualTo(100);
    }

    @Test
    void shouldTakeTheConfiguredLingerUnderEitherGuarantee() {
        assertThat(producerLinger(StreamsConfig.AT_LEAST_ONCE, Map.of("kafka.linger.ms", "7"))).isEqualTo(7);
        assertThat(producerLinger(StreamsConfig.EXACTLY_ONCE_V2, Map.of("kafka.linger.ms", "7"))).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldReadOnlyCommittedRecordsWhateverTheGuarantee(String guarantee) {
        StreamsConfig streams = streamsConfig(guarantee, Map.of());

        assertThat(streams.getMainConsumerConfigs("router-test", "router-test-1", 0)
                .get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
        assertThat(streams.getRestoreConsumerConfigs("router-test-restore")
                .get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
        assertThat(streams.getGlobalConsumerConfigs("router-test-global")
                .get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
    }

    private static int producerLinger(String guarantee, Map<String, String> settings) {
        Object linger = streamsConfig(guarantee, settings).getProducerConfigs("router-test")
                .get(ProducerConfig.LINGER_MS_CONFIG);
        return Integer.parseInt(linger.toString());
    }

    private static StreamsConfig streamsConfig(String guarantee, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put(RouterConfig.PROCESSING_GUARANTEE, guarantee);
        WebhooksConfig config = new WebhooksConfig(RouterConfig.define(CommonConfig.define(new ConfigDef())), values);
        return new StreamsConfig(RouterRole.streamsProperties(config, new RouterMetrics(new SimpleMeterRegistry()),
                new WriteFailures()));
    }
}
