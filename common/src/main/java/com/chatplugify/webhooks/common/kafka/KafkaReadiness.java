package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.http.HealthChecks.Status;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The readiness checks {@code kafka} (a broker answers) and {@code topics} (the catalogue is there). Each admin call
 * gives up after the probe timeout, so that {@code /ready} answers within seconds when the brokers are down, and the
 * topics are not asked for while the last {@code kafka} check got no answer: that could not succeed either.
 */
public final class KafkaReadiness {

    /** How long a readiness check waits for Kafka. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String bootstrapServers;
    private final Supplier<List<NewTopic>> catalogue;
    private final Duration timeout;
    private volatile boolean kafkaAnswered = true;

    public KafkaReadiness(Admin admin, String bootstrapServers, Supplier<List<NewTopic>> catalogue, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.catalogue = catalogue;
        this.timeout = timeout;
    }

    /** Adds {@code kafka}, then {@code topics}, to {@code health}'s readiness checks (they run in that order). */
    public void addTo(HealthChecks health) {
        health.addReadiness("kafka", this::kafka);
        health.addReadiness("topics", this::topics);
    }

    Status kafka() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs())).nodes()
                    .get(guardMs(), TimeUnit.MILLISECONDS).size();
            kafkaAnswered = true;
            return Status.up(nodes + " broker(s) reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (Exception e) {
            kafkaAnswered = !KafkaUnreachableException.isTimeout(e);
            return Status.down(KafkaUnreachableException.describe(e, bootstrapServers, timeout));
        }
    }

    Status topics() {
        if (!kafkaAnswered) {
            return Status.down("not checked: " + KafkaUnreachableException.noAnswer(bootstrapServers, timeout));
        }
        try {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs())).names()
                    .get(guardMs(), TimeUnit.MILLISECONDS);
            List<String> missing = catalogue.get().stream().map(NewTopic::name).filter(name -> !existing.contains(name))
                    .sorted().toList();
            return missing.isEmpty() ? Status.up("all present") : Status.down("missing " + missing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (Exception e) {
            return Status.down("cannot list topics: " + KafkaUnreachableException.describe(e, bootstrapServers, timeout));
        }
    }

    private int timeoutMs() {
        return (int) timeout.toMillis();
    }

    /** The admin call ends itself at the timeout; waiting a little longer lets it report why. */
    private long guardMs() {
        return timeout.toMillis() + 500;
    }
}
