package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;


/**
 * A {@code kafka.} key reaches the Kafka clients only when a client of the distribution knows it (Kafka Streams and its
 * client prefixes included); a typo stops start-up with exit 2, naming the key.
 */
class KafkaPassThroughKeysTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"kafka.securty.protocol=SSL", "kafka.bootstrap.server=127.0.0.1:9093",
        "kafka.main.consumer.securty.protocol=SSL", "kafka.topic.not.a.topic.config=1"})
    void shouldRefuseToStartOnAKafkaKeyNoClientKnows(String assignment) {
        CommandLine command = WebhooksCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));

        // Refused configuration stops the command before it starts anything; one let through would run until stopped.
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> command.execute("router",
                "--set", "data.dir=" + dataDir, "--set", assignment));

        assertThat(exit).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("Unknown configuration key '" + assignment.substring(0, assignment.indexOf('='))
                + "' (from --set)");
    }

    @Test
    void shouldPassOnKeysOfKafkaStreamsAndItsClientPrefixes() {
        Map<String, String> keys = Map.of("kafka.security.protocol", "SSL", "kafka.main.consumer.max.poll.records", "10",
                "kafka.producer.batch.size", "1000", "kafka.restore.consumer.fetch.max.bytes", "1000",
                "kafka.admin.retries", "3", "kafka.topic.min.insync.replicas", "2", "kafka.statestore.cache.max.bytes", "0");

        assertThat(ConfigDefinitions.sources().load(null, Map.of(), keys).kafkaClientProperties())
                .containsEntry("security.protocol", "SSL").containsEntry("main.consumer.max.poll.records", "10")
                .containsEntry("producer.batch.size", "1000").containsEntry("restore.consumer.fetch.max.bytes", "1000")
                .containsEntry("admin.retries", "3").containsEntry("topic.min.insync.replicas", "2")
                .containsEntry("statestore.cache.max.bytes", "0");
    }
}
