package com.chatplugify.webhooks.ingest.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the commands of the keys of one partition, one at a time, with {@link ClaimDecider}: the key's record and
 * the answer commit together with the command's offset (exactly once), so two calls with one key are decided one
 * after the other, whichever instances received them. Expired keys are forgotten in the background, oldest first,
 * through an index by expiry.
 */
final class KeyOwnerProcessor implements Processor<String, ClaimCommand, String, ClaimResult> {

    static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** Keys forgotten per purge at most, so that a purge never holds up commands for long. */
    static final int PURGE_BATCH = 10_000;

    private final ClaimDecider decider;
    private final Clock clock;
    private ProcessorContext<String, ClaimResult> context;
    private KeyValueStore<String, KeyRecord> keys;
    private KeyValueStore<String, String> expiries;

    KeyOwnerProcessor(ClaimDecider decider, Clock clock) {
        this.decider = decider;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, ClaimResult> context) {
        this.context = context;
        this.keys = context.getStateStore(IdempotencyTopology.KEYS_STORE);
        this.expiries = context.getStateStore(IdempotencyTopology.EXPIRIES_STORE);
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, ignored -> purge(clock.instant()));
    }

    @Override
    public void process(Record<String, ClaimCommand> record) {
        ClaimCommand command = record.value();
        if (record.key() == null || command == null || command.requestId() == null || command.kind() == null) {
            return;
        }
        KeyRecord current = keys.get(record.key());
        ClaimDecider.Decision decision = decider.decide(command, current, clock.instant());
        KeyRecord next = decision.next();
        if (next != null) {
            keys.put(record.key(), next);
            if (current == null || !current.expiresAt().equals(next.expiresAt())) {
                expiries.put(expiryKey(next.expiresAt(), record.key()), record.key());
            }
        }
        context.forward(new Record<>(command.requestId(), decision.result(), record.timestamp()));
    }

    /** Forgets the keys expired at {@code now}; an index entry left by a key used afresh is dropped alone. */
    void purge(Instant now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = expiries.range(null, expiryKey(now, ""))) {
            while (entries.hasNext() && due.size() < PURGE_BATCH) {
                due.add(entries.next());
            }
        }
        for (KeyValue<String, String> entry : due) {
            KeyRecord record = keys.get(entry.value);
            if (record != null && !now.isBefore(record.expiresAt())) {
                keys.delete(entry.value);
            }
            expiries.delete(entry.key);
        }
    }

    /** Sorts by expiry: the instant in fixed-width hexadecimal milliseconds, then the key. */
    static String expiryKey(Instant expiresAt, String key) {
        return String.format("%016x", expiresAt.toEpochMilli()) + "/" + key;
    }
}
