package com.chatplugify.webhooks.common.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of the catalogue that do not exist yet; safe to run from every instance at every start. */
public final class TopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    private final Admin admin;
    private final Duration timeout;
    private final String bootstrapServers;

    /** @param bootstrapServers where {@code admin} connects, named when Kafka does not answer */
    public TopicInitializer(Admin admin, Duration timeout, String bootstrapServers) {
        this.admin = admin;
        this.timeout = timeout;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Creates what is missing and returns the names it created.
     *
     * @throws KafkaUnreachableException when Kafka does not answer within the timeout
     */
    public Set<String> ensure(List<NewTopic> topics) {
        try {
            // The call itself gives up at the timeout: left running, it would hold up closing the admin client.
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis())).names()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return Set.of();
            }
            CreateTopicsResult result = admin.createTopics(missing,
                    new CreateTopicsOptions().timeoutMs((int) timeout.toMillis()));
            Set<String> created = new HashSet<>();
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                    log.info("Created topic {} with {} partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    // Listed as missing but there by now: another instance created it, or the listing lagged behind.
                    if (KafkaUnreachableException.isTimeout(e)) {
                        throw unreachable();
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return Set.copyOf(created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            if (KafkaUnreachableException.isTimeout(e)) {
                throw unreachable();
            }
            throw new IllegalStateException("Cannot list the topics to create: "
                    + KafkaUnreachableException.describe(e, bootstrapServers, timeout), e);
        }
    }

    private KafkaUnreachableException unreachable() {
        return new KafkaUnreachableException("Cannot create the topics: "
                + KafkaUnreachableException.noAnswer(bootstrapServers, timeout));
    }
}
