package com.chatplugify.webhooks.bench.drive;

import com.chatplugify.webhooks.bench.MicroClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a workload with one producer on its own thread, paced open- or closed-loop, until stopped. One driver per
 * system under test; one {@link Run} at a time.
 */
public final class EventDriver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventDriver.class);
    private static final long FULL_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Producer<String, byte[]> producer;
    private final MicroClock clock;

    public EventDriver(Producer<String, byte[]> producer, MicroClock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /** What a run sent: records handed to the producer, acknowledged by the broker, and failed. */
    public record Totals(long sent, long acknowledged, long failed) {
    }

    /** Starts sending; the run goes on until {@link Run#stop()}. */
    public Run start(Workload workload, Pacing pacing) {
        Run run = new Run(workload, pacing);
        run.thread.start();
        return run;
    }

    public Producer<String, byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** One measurement's sending. */
    public final class Run {

        private final Workload workload;
        private final Pacing pacing;
        private final Thread thread;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean running = true;

        private Run(Workload workload, Pacing pacing) {
            this.workload = workload;
            this.pacing = pacing;
            this.thread = new Thread(this::loop, "bench-driver");
        }

        public long sent() {
            return sent.get();
        }

        /** Stops sending without waiting, when the measurement is abandoned. */
        public void abort() {
            running = false;
        }

        /** Stops sending, waits for every acknowledgement, and returns the totals. */
        public Totals stop() throws InterruptedException {
            running = false;
            thread.join();
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("The bench driver failed: " + failure.get().getMessage(), failure.get());
            }
            return new Totals(sent.get(), acknowledged.get(), failed.get());
        }

        private void loop() {
            try {
                if (pacing instanceof Pacing.FixedRate fixed) {
                    fixedRate(fixed.perSecond());
                } else {
                    flatOut((Pacing.FlatOut) pacing);
                }
            } catch (RuntimeException e) {
                // The driver's loop boundary: the measurement reports the failure instead of hanging.
                failure.set(e);
                log.error("Bench driver stopped", e);
            }
        }

        private void fixedRate(double perSecond) {
            long startNanos = System.nanoTime();
            long startMicros = clock.nowMicros();
            long number = 0;
            while (running) {
                long elapsedNanos = System.nanoTime() - startNanos;
                long due = (long) (elapsedNanos / 1e9 * perSecond);
                if (number >= due) {
                    long nextDueNanos = (long) ((number + 1) * 1e9 / perSecond);
                    LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, Math.max(1, nextDueNanos - elapsedNanos)));
                    continue;
                }
                while (number < due && running) {
                    send(number, startMicros + (long) (number * 1e6 / perSecond));
                    number++;
                }
            }
        }

        private void flatOut(Pacing.FlatOut flatOut) {
            long number = 0;
            int fanout = workload.fanout();
            while (running) {
                if (number * fanout - flatOut.completed().getAsLong() >= flatOut.maxInFlight()) {
                    LockSupport.parkNanos(FULL_PARK_NANOS);
                    continue;
                }
                send(number++, clock.nowMicros());
            }
        }

        private void send(long number, long timestampMicros) {
            sent.incrementAndGet();
            producer.send(workload.record(number, timestampMicros), (metadata, e) -> {
                if (e == null) {
                    acknowledged.incrementAndGet();
                } else if (failed.getAndIncrement() == 0) {
                    log.warn("The broker refused a bench event (further failures are only counted): {}", e.toString());
                }
            });
        }
    }
}
