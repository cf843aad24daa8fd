package com.chatplugify.webhooks.ingest.tokens;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.AdminEndOffsets;
import com.chatplugify.webhooks.common.kafka.EndOffsets;
import com.chatplugify.webhooks.common.kafka.ReadFrom;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ingest instance's copy of {@code chatplugify.api-tokens}, read from the beginning and followed: tokens by id
 * and by the hash of their secret, and when each was last used. It knows how current it is ({@link #currentAsOf}):
 * once a second it takes the topic's end offsets and, when it has read up to them, holds every token change
 * acknowledged before it took them.
 */
public final class TokenView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenView.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final TopicReader reader;
    private final ViewFreshness freshness = new ViewFreshness(CHECK_INTERVAL);
    private final Map<String, ApiToken> byId = new ConcurrentHashMap<>();
    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CurrentWaiter> currentWaiters = new ConcurrentLinkedQueue<>();

    private record CurrentWaiter(Instant askedAt, CompletableFuture<Void> future) {
    }

    /**
     * @param consumer   without a group; owned from now on
     * @param endOffsets where the topic ends, for the checks; owned from now on
     */
    public TokenView(Consumer<String, byte[]> consumer, EndOffsets endOffsets, Clock clock, String name) {
        this.clock = clock;
        this.reader = new TopicReader(name, "Token view", consumer, endOffsets, ReadFrom.beginning(Topics.API_TOKENS),
                POLL_TIMEOUT,
                new TopicReader.Handler() {
                    @Override
                    public void read(ConsumerRecords<String, byte[]> records) {
                        records.forEach(TokenView.this::apply);
                        completeCurrentWaiters();
                        checkIfDue();
                    }

                    @Override
                    public void stopped() {
                        failWaiters();
                    }
                });
    }

    /** A view on a consumer and an admin client of its own. */
    public static TokenView create(WebhooksConfig config, Clock clock, String name) {
        return new TokenView(TopicReader.consumer(config, name), AdminEndOffsets.connect(config, name + "-end-offsets"),
                clock, name);
    }

    public TokenView start() {
        reader.start();
        return this;
    }

    public Optional<ApiToken> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The token whose secret hashes to {@code secretHash}. The map compares hashes, never secrets, so its timing tells
     * at most a prefix of a hash, which does not help to find a secret; the match is confirmed in constant time.
     */
    public Optional<ApiToken> bySecretHash(String secretHash) {
        ApiToken token = byHash.get(secretHash);
        return token != null && TokenSecret.sameHash(token.secretHash(), secretHash) ? Optional.of(token) : Optional.empty();
    }

    /** Every token, oldest first. */
    public List<ApiToken> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id))
                .toList();
    }

    public Optional<Instant> lastUsedAt(String id) {
        return Optional.ofNullable(lastUsed.get(id));
    }

    /** The view holds every change acknowledged before this instant; null until it has read the topic once. */
    public Instant currentAsOf() {
        return freshness.currentAsOf();
    }

    /** How far behind the view may be now; null until it has read the topic once. */
    public Duration staleness() {
        return freshness.staleness(clock.instant());
    }

    /** {@link #staleness()} in seconds, for a gauge; -1 until the view has read the topic once. */
    public double stalenessSeconds() {
        Duration staleness = staleness();
        return staleness == null ? -1 : staleness.toMillis() / 1000.0;
    }

    /** Completes once the view has applied the record at {@code offset} of {@code partition}. */
    public CompletableFuture<Void> awaitOffset(int partition, long offset) {
        return reader.awaitOffset(new TopicPartition(Topics.API_TOKENS, partition), offset);
    }

    /**
     * Completes once the view holds every change acknowledged before this call: it takes the end offsets at once
     * (or after the check under way) rather than at the next second.
     */
    public CompletableFuture<Void> awaitCurrent() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        currentWaiters.add(new CurrentWaiter(clock.instant(), future));
        return future;
    }

    public boolean alive() {
        return reader.alive();
    }

    public Optional<Throwable> failure() {
        return reader.failure();
    }

    @Override
    public void close() {
        reader.close();
    }

    /**
     * Starts a check when one is due, or at once for a waiting call when none is under way: the reader takes the end
     * offsets now, and the view holds everything acknowledged before now once it has read up to them.
     */
    private void checkIfDue() {
        Instant now = clock.instant();
        if (freshness.checkDue(now) || !currentWaiters.isEmpty() && freshness.idle()) {
            freshness.checking(now);
            // Completed on the admin client's thread, or on this one.
            reader.awaitCaughtUp().whenComplete((caughtUp, e) -> {
                if (e != null) {
                    log.warn("Token view could not check how current it is: {}", e.toString());
                    freshness.checkFailed();
                    return;
                }
                freshness.checked();
                completeCurrentWaiters();
            });
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        TokenRecords.Change change;
        try {
            change = TokenRecords.decode(record);
        } catch (SerializationException e) {
            log.warn("Ignoring an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (change instanceof TokenRecords.UseChange use) {
            if (use.at() == null || !byId.containsKey(use.tokenId())) {
                // A use recorded while the token was being revoked must not outlive it.
                lastUsed.remove(use.tokenId());
            } else {
                lastUsed.merge(use.tokenId(), use.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        } else if (change instanceof TokenRecords.TokenChange tokenChange) {
            ApiToken previous = tokenChange.token() == null ? byId.remove(tokenChange.tokenId())
                    : byId.put(tokenChange.tokenId(), tokenChange.token());
            if (previous != null) {
                byHash.remove(previous.secretHash());
            }
            if (tokenChange.token() != null) {
                byHash.put(tokenChange.token().secretHash(), tokenChange.token());
            } else {
                lastUsed.remove(tokenChange.tokenId());
            }
        }
    }

    /** A check started strictly after the ask took end offsets that include every write acknowledged before it. */
    private void completeCurrentWaiters() {
        Instant asOf = freshness.currentAsOf();
        if (asOf != null) {
            currentWaiters.removeIf(waiter -> {
                if (asOf.isAfter(waiter.askedAt())) {
                    waiter.future().complete(null);
                    return true;
                }
                return false;
            });
        }
    }

    private void failWaiters() {
        IllegalStateException closed = new IllegalStateException("Token view stopped");
        currentWaiters.forEach(waiter -> waiter.future().completeExceptionally(closed));
    }
}
