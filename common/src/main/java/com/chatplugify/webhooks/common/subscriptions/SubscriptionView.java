package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.AdminEndOffsets;
import com.chatplugify.webhooks.common.kafka.EndOffsets;
import com.chatplugify.webhooks.common.kafka.ReadFrom;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory view of the compacted subscriptions topic, read from the beginning and followed for as long as
 * the process runs. The API reads webhooks from it (and waits on {@link #awaitOffset} to see its own writes);
 * the deliverer reads each endpoint's current URL, headers, secret and state from it at attempt time.
 */
public final class SubscriptionView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionView.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
    private static final Comparator<Subscription> BY_CREATION = Comparator
            .comparing(Subscription::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Subscription::id);

    private final SubscriptionCodec codec;
    private final Map<String, SubscriptionCodec.Storage> storage = new ConcurrentHashMap<>();
    // A wrong key makes every record unreadable: one line each would flood the log at start-up.
    private final ThrottledLogger unreadable = new ThrottledLogger(log, 10);
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Subscription>> byWorkspace = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Subscription>> listeners = new CopyOnWriteArrayList<>();
    private final TopicReader reader;
    private volatile boolean loaded;

    /**
     * @param consumer   a consumer without a group; the view assigns it every partition and owns it from now on
     * @param endOffsets where the topic ends, for {@link #awaitCaughtUp}; owned from now on
     * @param codec      how records are read; without keys, encrypted secrets stay encrypted (and are not reported)
     */
    public SubscriptionView(Consumer<String, byte[]> consumer, EndOffsets endOffsets, SubscriptionCodec codec,
                            String name) {
        this.codec = codec;
        this.reader = new TopicReader(name, "Subscription view", consumer, endOffsets,
                ReadFrom.beginning(Topics.SUBSCRIPTIONS), POLL_TIMEOUT, records -> records.forEach(this::apply));
    }

    /**
     * A view on a consumer and an admin client of its own, connected as {@code config} says. Secrets are decrypted
     * with {@code secrets.key} when it is set.
     */
    public static SubscriptionView create(WebhooksConfig config, String name) {
        return new SubscriptionView(TopicReader.consumer(config, name),
                AdminEndOffsets.connect(config, name + "-end-offsets"), SubscriptionCodec.from(config), name);
    }

    public SubscriptionView start() {
        reader.awaitCaughtUp().thenRun(() -> loaded = true);
        reader.start();
        return this;
    }

    /** Called with (webhookId, subscription or null when deleted) on the view's thread after each change. */
    public void addListener(BiConsumer<String, Subscription> listener) {
        listeners.add(listener);
    }

    public Optional<Subscription> get(String webhookId) {
        return Optional.ofNullable(byId.get(webhookId));
    }

    /** The webhooks of a workspace, oldest first. */
    public List<Subscription> byWorkspace(String workspaceId) {
        Map<String, Subscription> subscriptions = byWorkspace.get(workspaceId);
        if (subscriptions == null) {
            return List.of();
        }
        List<Subscription> list = new ArrayList<>(subscriptions.values());
        list.sort(BY_CREATION);
        return list;
    }

    public Collection<Subscription> all() {
        return List.copyOf(byId.values());
    }

    /** How many webhooks of the view have their secrets stored so. */
    public long count(SubscriptionCodec.Storage kind) {
        return storage.values().stream().filter(kind::equals).count();
    }

    /** The workspaces that have at least one webhook: those the view holds a map for. */
    Set<String> workspaces() {
        return Set.copyOf(byWorkspace.keySet());
    }

    /** Whether the view has read the whole topic once: before that, an absent webhook may just not be read yet. */
    public boolean loaded() {
        return loaded;
    }

    /** A view whose thread died is not alive; {@link #failure()} says why. */
    public boolean alive() {
        return reader.alive();
    }

    public Optional<Throwable> failure() {
        return reader.failure();
    }

    /** Completes once the view has applied the record at {@code offset} of {@code partition}. */
    public CompletableFuture<Void> awaitOffset(int partition, long offset) {
        return reader.awaitOffset(new TopicPartition(Topics.SUBSCRIPTIONS, partition), offset);
    }

    /**
     * Completes once the view has applied everything written to the topic before this call: the view takes the
     * topic's end offsets after the call and waits until it has read up to them. Only positions in the topic are
     * compared, never clocks, so producers' timestamps cannot make it complete early or late.
     */
    public CompletableFuture<Void> awaitCaughtUp() {
        return reader.awaitCaughtUp();
    }

    @Override
    public void close() {
        reader.close();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String id = record.key();
        if (id == null) {
            log.warn("Ignoring subscription record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        Subscription subscription = null;
        if (record.value() != null) {
            SubscriptionRecords.Read read = SubscriptionRecords.read(id, record.value());
            if (!read.valid()) {
                // As in the router, which refuses it too: the webhook's previous version stays.
                LogContext.webhook(id).at(record).run(() -> log.warn("Ignoring invalid subscription record ({}): {}",
                        read.violation(), read.detail()));
                return;
            }
            SubscriptionCodec.Decoded decoded = codec.open(read.subscription());
            subscription = decoded.subscription();
            storage.put(id, decoded.storage());
            if (decoded.storage() == SubscriptionCodec.Storage.UNREADABLE && codec.hasKeys()) {
                unreadable.warn(LogContext.webhook(id).at(record), "The webhook's secrets were encrypted with key {}, "
                        + "which secrets.key and secrets.previous-keys do not hold; its deliveries are refused until "
                        + "that key is configured", decoded.unreadableKeyIds());
            }
        } else {
            storage.remove(id);
        }
        Subscription previous = subscription == null ? byId.remove(id) : byId.put(id, subscription);
        if (previous != null) {
            // A workspace without webhooks keeps no map: workspaces come and go, and the view lives as long as the process.
            byWorkspace.computeIfPresent(previous.workspaceId(), (workspaceId, webhooks) -> {
                webhooks.remove(id);
                return webhooks.isEmpty() ? null : webhooks;
            });
        }
        if (subscription != null) {
            byWorkspace.computeIfAbsent(subscription.workspaceId(), ws -> new ConcurrentHashMap<>()).put(id, subscription);
        }
        for (BiConsumer<String, Subscription> listener : listeners) {
            listener.accept(id, subscription);
        }
    }
}
