package com.chatplugify.webhooks.ingest.deadletters;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.DestroyMode;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The consumers that scans of the dead-letter topic read with: at most {@link #max()} exist at a time, each taken
 * by one scan and given back, unassigned, for the next; one left idle for {@code idleTimeout} is closed. A
 * listing thus neither starts a consumer (metadata, connections, fetch buffers) nor can many callers make many.
 */
final class ScanConsumers implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final GenericObjectPool<Consumer<String, byte[]>> pool;
    private final Duration wait;

    /**
     * @param factory     a new consumer without a group, reading committed records
     * @param max         most consumers at a time, so most scans running at once
     * @param wait        longest a scan waits for a consumer when {@code max} are taken
     * @param idleTimeout how long a consumer no scan uses is kept
     */
    ScanConsumers(Supplier<Consumer<String, byte[]>> factory, int max, Duration wait, Duration idleTimeout) {
        GenericObjectPoolConfig<Consumer<String, byte[]>> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(max);
        config.setMaxIdle(max);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(wait);
        // First come, first served: a caller waits for the scans ahead of it, not for luck.
        config.setFairness(true);
        config.setMinEvictableIdleDuration(idleTimeout);
        config.setTimeBetweenEvictionRuns(idleTimeout.dividedBy(2));
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new Factory(factory), config);
        this.wait = wait;
    }

    /**
     * A consumer with nothing assigned, for one scan only, until {@link #giveBack} or {@link #discard}.
     *
     * @throws ScansBusyException when {@link #max()} scans still run after the wait
     */
    Consumer<String, byte[]> take() {
        try {
            return pool.borrowObject();
        } catch (NoSuchElementException e) {
            throw new ScansBusyException("at most " + max() + " dead-letter listings and replays run at once; none "
                    + "ended within " + wait.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create a consumer for the dead-letter topic", e);
        }
    }

    /** Returns a consumer whose scan is over; its partitions are unassigned for the next. */
    void giveBack(Consumer<String, byte[]> consumer) {
        pool.returnObject(consumer);
    }

    /** Closes a consumer that failed, instead of giving it back. */
    void discard(Consumer<String, byte[]> consumer) {
        try {
            pool.invalidateObject(consumer);
        } catch (Exception e) {
            // Already closed, or its close failed: either way the pool no longer counts it.
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    int max() {
        return pool.getMaxTotal();
    }

    /** Closes the idle consumers now, and the others as their scans give them back. */
    @Override
    public void close() {
        pool.close();
    }

    private static final class Factory extends BasePooledObjectFactory<Consumer<String, byte[]>> {

        private final Supplier<Consumer<String, byte[]>> consumers;

        private Factory(Supplier<Consumer<String, byte[]>> consumers) {
            this.consumers = consumers;
        }

        @Override
        public Consumer<String, byte[]> create() {
            return consumers.get();
        }

        @Override
        public PooledObject<Consumer<String, byte[]>> wrap(Consumer<String, byte[]> consumer) {
            return new DefaultPooledObject<>(consumer);
        }

        /** Forgets the last scan's partitions, positions, pauses and fetched records. */
        @Override
        public void passivateObject(PooledObject<Consumer<String, byte[]>> consumer) {
            consumer.getObject().unsubscribe();
        }

        @Override
        public void destroyObject(PooledObject<Consumer<String, byte[]>> consumer, DestroyMode mode) {
            consumer.getObject().close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }
}
