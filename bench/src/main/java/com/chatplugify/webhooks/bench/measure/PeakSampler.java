package com.chatplugify.webhooks.bench.measure;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The peaks of a window, sampled every 200 ms: the JVM's heap in use (in-process, the broker's, the roles' and the
 * bench's together) and the deliveries the system's deliverer holds in memory (queued or in flight).
 */
public final class PeakSampler implements AutoCloseable {

    /** The peaks of one window; {@code deliveriesHeld} is -1 when the system does not tell. */
    public record Peaks(long heapUsedMiB, long deliveriesHeld) {
    }

    private static final long EVERY_MILLIS = 200;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("bench-sampler"));
    private final AtomicLong heap = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private ScheduledFuture<?> sampling;

    /** Starts a window's sampling; {@code deliveriesHeld} answers -1 when unknown. */
    public synchronized void start(LongSupplier deliveriesHeld) {
        stop();
        heap.set(0);
        held.set(-1);
        sampling = ticker.scheduleAtFixedRate(() -> {
            heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            held.accumulateAndGet(deliveriesHeld.getAsLong(), Math::max);
        }, 0, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    public synchronized Peaks stop() {
        if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
        }
        return new Peaks(heap.get() / (1024 * 1024), held.get());
    }

    @Override
    public void close() {
        stop();
        ticker.shutdownNow();
    }
}
