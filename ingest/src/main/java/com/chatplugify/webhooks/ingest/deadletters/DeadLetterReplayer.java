package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-delivers dead letters: each match is written back to {@code chatplugify.deliveries} unchanged (key =
 * webhookId) with a {@code replay-of} header naming it and no attempt headers, so the deliverer makes fresh
 * attempts; in the same transaction a marker goes to {@code chatplugify.deliveries.dlq.replayed}.
 *
 * <p>No dead letter is replayed twice. Every replayer, in every process, uses one transactional id: starting a
 * replay fences any other still running (its open transaction is aborted and it can commit nothing more), and
 * only then are the markers read up to date. So a marker committed by anyone is seen before deciding, and a
 * re-delivery never commits without its marker. Replays in one process are serialized.
 */
public final class DeadLetterReplayer {

    /** Shared by every replayer of a cluster: what makes a newer replay fence an older one. */
    public static final String TRANSACTIONAL_ID = "chatplugify-webhooks-replayer";
    static final String UNREADABLE = "unreadable";
    private static final int MAX_CHUNK = 100;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final DeadLetterScanner scanner;
    private final ReplayedEntries replayed;
    private final Supplier<Producer<String, byte[]>> transactionalProducers;
    private final ReplayTargets targets;
    private final RateLimiter rateLimiter;
    private final Counter replayedCounter;
    private final Clock clock;
    private final Duration kafkaTimeout;
    private final JsonSerde<ReplayMarker> markers = new JsonSerde<>(ReplayMarker.class);

    /**
     * @param transactionalProducers a new producer with {@link #TRANSACTIONAL_ID} for each replay, closed after it
     * @param rateLimiter            one permit per re-delivery
     */
    public DeadLetterReplayer(DeadLetterScanner scanner, ReplayedEntries replayed,
                              Supplier<Producer<String, byte[]>> transactionalProducers, ReplayTargets targets,
                              RateLimiter rateLimiter, Counter replayedCounter, Clock clock, Duration kafkaTimeout) {
        this.scanner = scanner;
        this.replayed = replayed;
        this.transactionalProducers = transactionalProducers;
        this.targets = targets;
        this.rateLimiter = rateLimiter;
        this.replayedCounter = replayedCounter;
        this.clock = clock;
        this.kafkaTimeout = kafkaTimeout;
    }

    /**
     * Replays the matches of {@code request}, or counts them in a dry run.
     *
     * @throws ReplayInterruptedException when Kafka fails or another replay takes over part-way
     * @throws InvalidCursorException     when the request's cursor names a place the topic does not have
     */
    public synchronized ReplayReport replay(ReplayRequest request, ReplayProgress progress) {
        Producer<String, byte[]> producer = request.dryRun() ? null : transactionalProducers.get();
        Tally tally = new Tally(request.dryRun());
        try {
            if (producer != null) {
                producer.initTransactions();
            }
            replayed.catchUp(kafkaTimeout);
            ReplayReport report = run(request, progress, producer, tally);
            log.info("Replay of {}{}: matched {}, replayed {}, already replayed {}, skipped {}{}", request.query(),
                    request.dryRun() ? " (dry run)" : "", report.matched(), report.replayed(), report.alreadyReplayed(),
                    report.skipped(), report.hasMore() ? "; more to replay" : "");
            return report;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new ReplayInterruptedException("another replay started and took over", tally.report(true, null), true, e);
        } catch (KafkaException e) {
            abort(producer);
            throw new ReplayInterruptedException("Kafka failed during the replay: " + e.getMessage(),
                    tally.report(true, null), false, e);
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }

    private ReplayReport run(ReplayRequest request, ReplayProgress progress, Producer<String, byte[]> producer,
                             Tally tally) {
        long deadline = System.nanoTime() + request.budget().toNanos();
        int chunkSize = (int) Math.min(MAX_CHUNK, rateLimiter.getRateLimiterConfig().getLimitForPeriod());
        List<DeadLetter> chunk = new ArrayList<>(chunkSize);
        DeadLetterQuery query = request.query();
        try (DeadLetterScan scan = scanner.open(query, request.cursor())) {
            while (tally.replayed + chunk.size() < request.maxReplays() && scan.consumed() < request.maxScanned()
                    && System.nanoTime() - deadline < 0) {
                ConsumerRecord<String, byte[]> record = scan.next(deadline);
                if (record == null) {
                    break;
                }
                DeadLetter entry = DeadLetter.from(record);
                if (query.matches(entry) && decide(entry, tally) && producer != null) {
                    acquirePermit();
                    chunk.add(entry);
                    if (chunk.size() >= chunkSize) {
                        commit(producer, chunk, tally);
                    }
                }
                progress.update(scan.consumed(), scan.total(), tally.replayed + chunk.size());
            }
            commit(producer, chunk, tally);
            boolean more = !scan.finished();
            return tally.report(more, more ? scan.cursor() : null);
        }
    }

    /** Counts a match; true when it is to be replayed. */
    private boolean decide(DeadLetter entry, Tally tally) {
        tally.matched++;
        if (replayed.replayedAt(entry.id()).isPresent()) {
            tally.alreadyReplayed++;
            return false;
        }
        Optional<String> refusal = entry.readable() ? targets.refusal(entry.delivery()) : Optional.of(UNREADABLE);
        if (refusal.isPresent()) {
            tally.skipped.merge(refusal.get(), 1L, Long::sum);
            return false;
        }
        if (tally.dryRun) {
            tally.replayed++;
        }
        return true;
    }

    private void commit(Producer<String, byte[]> producer, List<DeadLetter> chunk, Tally tally) {
        if (producer == null || chunk.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        producer.beginTransaction();
        for (DeadLetter entry : chunk) {
            ProducerRecord<String, byte[]> delivery = new ProducerRecord<>(Topics.DELIVERIES, entry.webhookId(), entry.value());
            delivery.headers().add(DeliveryHeaders.REPLAY_OF, entry.id().getBytes(StandardCharsets.UTF_8));
            producer.send(delivery);
            ReplayMarker marker = new ReplayMarker(entry.id(), entry.webhookId(), entry.delivery().event().id(), now);
            producer.send(new ProducerRecord<>(Topics.DLQ_REPLAYED, entry.id(), markers.serialize(Topics.DLQ_REPLAYED, marker)));
        }
        producer.commitTransaction();
        for (DeadLetter entry : chunk) {
            replayed.remember(entry.id(), now);
            if (log.isDebugEnabled()) {
                LogContext.delivery(entry.webhookId(), entry.delivery().event().id())
                        .run(() -> log.debug("Replayed dead letter {}", entry.id()));
            }
        }
        log.info("Replayed {} dead letters, from {} to {}", chunk.size(), chunk.get(0).id(), chunk.get(chunk.size() - 1).id());
        replayedCounter.increment(chunk.size());
        tally.replayed += chunk.size();
        chunk.clear();
    }

    private void acquirePermit() {
        while (!rateLimiter.acquirePermission()) {
            // The limiter's wait is capped by its timeout; keep waiting: pacing, not refusal, is wanted here.
            log.debug("Replay still waiting for the rate limit");
        }
    }

    private static void abort(Producer<String, byte[]> producer) {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            // No transaction open, or the producer is unusable: closing it aborts what is left.
            log.debug("Could not abort the replay transaction: {}", e.toString());
        }
    }

    /** Counts of one replay, as it goes. */
    private static final class Tally {

        private final boolean dryRun;
        private final Map<String, Long> skipped = new TreeMap<>();
        private long matched;
        private long replayed;
        private long alreadyReplayed;

        private Tally(boolean dryRun) {
            this.dryRun = dryRun;
        }

        private ReplayReport report(boolean hasMore, ScanCursor next) {
            return new ReplayReport(dryRun, matched, replayed, alreadyReplayed, skipped, hasMore, next);
        }
    }
}
