package com.chatplugify.webhooks.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    private final ConfigSources sources = new ConfigSources(CommonConfig.define(new ConfigDef()));

    @TempDir
    Path dir;

    @Test
    void shouldLetEnvironmentOverrideFileAndSetOverrideBoth() throws IOException {
        Path file = write("http.port=7000\ndata.dir=/from/file\ntopics.partitions=2\n");
        Map<String, String> env = Map.of("WEBHOOKS_HTTP_PORT", "7001", "WEBHOOKS_DATA_DIR", "/from/env", "PATH", "/bin");

        WebhooksConfig config = sources.load(file, env, Map.of("http.port", "7002"));

        assertThat(config.getInt(CommonConfig.HTTP_PORT)).isEqualTo(7002);
        assertThat(config.getString(CommonConfig.DATA_DIR)).isEqualTo("/from/env");
        assertThat(config.getInt(CommonConfig.TOPICS_PARTITIONS)).isEqualTo(2);
        assertThat(config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void shouldMapDashesAndDotsToUnderscoresInEnvironmentNames() {
        assertThat(ConfigSources.envName("delivery.allow-private-addresses"))
                .isEqualTo("WEBHOOKS_DELIVERY_ALLOW_PRIVATE_ADDRESSES");

        WebhooksConfig config = sources.load(null, Map.of("WEBHOOKS_TOPICS_REPLICATION_FACTOR", "3"), Map.of());

        assertThat(config.getShort(CommonConfig.TOPICS_REPLICATION_FACTOR)).isEqualTo((short) 3);
    }

    @Test
    void shouldPassKafkaKeysThroughToClients() {
        WebhooksConfig config = sources.load(null, Map.of("WEBHOOKS_KAFKA_SECURITY_PROTOCOL", "SSL"),
                Map.of("kafka.sasl.mechanism", "PLAIN", "kafka.bootstrap.servers", "10.0.0.1:9093"));

        assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("bootstrap.servers", "10.0.0.1:9093");
    }

    @Test
    void shouldRefuseAKafkaKeyNoKafkaClientKnowsFromEverySource() throws IOException {
        Path file = write("kafka.securty.protocol=SSL\n");

        assertThatThrownBy(() -> sources.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'kafka.securty.protocol'")
                .hasMessageContaining(file.toString()).hasMessageContaining("not a config of the Kafka clients");
        assertThatThrownBy(() -> sources.load(null, Map.of(), Map.of("kafka.bootstrap.server", "127.0.0.1:9093")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'kafka.bootstrap.server'")
                .hasMessageContaining("--set");
        assertThatThrownBy(() -> sources.load(null, Map.of("WEBHOOKS_KAFKA_SECURTY_PROTOCOL", "SSL"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WEBHOOKS_KAFKA_SECURTY_PROTOCOL")
                .hasMessageContaining("securty.protocol");
    }

    @Test
    void shouldPassOnKafkaKeysOfTheProducerConsumerAndAdminClient() {
        WebhooksConfig config = sources.load(null, Map.of("WEBHOOKS_KAFKA_SSL_TRUSTSTORE_LOCATION", "/ca.crt"),
                Map.of("kafka.linger.ms", "5", "kafka.max.poll.records", "10", "kafka.default.api.timeout.ms", "1000"));

        assertThat(config.kafkaClientProperties()).containsEntry("ssl.truststore.location", "/ca.crt")
                .containsEntry("linger.ms", "5").containsEntry("max.poll.records", "10")
                .containsEntry("default.api.timeout.ms", "1000");
    }

    @Test
    void shouldPassOnTheSettingsOfAConfigProvider() {
        WebhooksConfig config = sources.load(null, Map.of(), Map.of("kafka.config.providers", "file",
                "kafka.config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));

        assertThat(config.kafkaClientProperties()).containsEntry("config.providers", "file")
                .containsEntry("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    @Test
    void shouldRefuseKafkaKeysOfOtherClientsUnlessTold() {
        assertThatThrownBy(() -> sources.load(null, Map.of(), Map.of("kafka.main.consumer.max.poll.records", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.main.consumer.max.poll.records");

        ConfigSources withStreams = new ConfigSources(CommonConfig.define(new ConfigDef()),
                KafkaClientKeys.clients().withPrefixed("main.consumer.", Set.of("max.poll.records")), List.of());

        assertThat(withStreams.load(null, Map.of(), Map.of("kafka.main.consumer.max.poll.records", "10"))
                .kafkaClientProperties()).containsEntry("main.consumer.max.poll.records", "10");
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> sources.load(null, Map.of(), Map.of("http.port", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> sources.load(null, Map.of(), Map.of("delivery.retry.delays", "10s,soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delivery.retry.delays").hasMessageContaining("soon");
        assertThatThrownBy(() -> sources.load(null, Map.of(), Map.of("topics.partitions", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topics.partitions");
    }

    @Test
    void shouldRefuseUnknownKeysNamingWhereTheyCameFrom() throws IOException {
        Path file = write("htp.port=1\n");

        assertThatThrownBy(() -> sources.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("htp.port").hasMessageContaining(file.toString());
        assertThatThrownBy(() -> sources.load(null, Map.of(), Map.of("data.dri", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.dri").hasMessageContaining("--set");
        assertThatThrownBy(() -> sources.load(null, Map.of("WEBHOOKS_HTTP_PROT", "1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WEBHOOKS_HTTP_PROT");
    }

    @Test
    void shouldLeaveTheLaunchersJavaOptionsAlone() {
        assertThat(sources.load(null, Map.of("WEBHOOKS_JAVA_OPTS", "-Xmx1g"), Map.of()).originals())
                .doesNotContainKey("java.opts");
    }

    @Test
    void shouldParseSetAssignments() {
        assertThat(ConfigSources.parseAssignments(List.of("http.port=1", "api.token=a=b")))
                .containsEntry("http.port", "1").containsEntry("api.token", "a=b");
        assertThatThrownBy(() -> ConfigSources.parseAssignments(List.of("http.port")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key=value");
    }

    @Test
    void shouldReadRetryDelaysAsDurations() {
        WebhooksConfig config = sources.load(null, Map.of(), Map.of());

        assertThat(config.getDurations(CommonConfig.DELIVERY_RETRY_DELAYS))
                .containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10));
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("webhooks.properties");
        Files.writeString(file, text);
        return file;
    }
}
