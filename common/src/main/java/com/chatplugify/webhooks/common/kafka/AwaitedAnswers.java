package com.chatplugify.webhooks.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls that write a request and wait for its answer on another topic, each by the id its request carries. The
 * answers' topics are read, every partition, from where they ended when this started (no call waits for anything
 * older); an answer completes the call it names, and answers nobody waits for are dropped. When the reader stops,
 * every waiting call fails.
 *
 * @param <A> what an answer is
 */
public final class AwaitedAnswers<A> implements AutoCloseable {

    /** What the records of the answers' topics say: the part each kind of answer has its own. */
    public interface Reading<A> {

        /**
         * @return the answer {@code record} carries, or null when it answers no call
         * @throws SerializationException when the record cannot be read: it is logged with its position and skipped
         */
        Answer<A> read(ConsumerRecord<String, byte[]> record);

        /** Run after the records of each poll, on the reader's thread. */
        default void polled() {
        }

        /** Run once the reader has stopped, after the waiting calls failed with {@code cause}. */
        default void stopped(Throwable cause) {
        }
    }

    /** An answer to the call whose request carried {@code callId}. */
    public record Answer<A>(String callId, A value) {
    }

    private static final Logger log = LoggerFactory.getLogger(AwaitedAnswers.class);
    /** How long a poll waits at most when there is nothing new; an answer ends the consumer's pending fetch at once. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);

    private final String what;
    private final Reading<A> reading;
    private final TopicReader reader;
    private final Map<String, CompletableFuture<A>> waiting = new ConcurrentHashMap<>();

    /**
     * @param consumer a consumer without a group, such as {@link TopicReader#consumer}; owned from now on
     * @param what     what the answers are, for the log line when the reader breaks (e.g. "Idempotency answers")
     */
    public AwaitedAnswers(Consumer<String, byte[]> consumer, List<String> topics, String threadName, String what,
                          Reading<A> reading) {
        this.what = what;
        this.reading = reading;
        this.reader = new TopicReader(threadName, what, consumer, ReadFrom.end(topics), POLL_TIMEOUT,
                new TopicReader.Handler() {
                    @Override
                    public void read(ConsumerRecords<String, byte[]> records) {
                        records.forEach(AwaitedAnswers.this::take);
                        reading.polled();
                    }

                    @Override
                    public void stopped() {
                        failWaiting();
                    }
                });
    }

    public AwaitedAnswers<A> start() {
        reader.start();
        return this;
    }

    /** Completes once the reader's positions are fixed: an answer written from then on will be seen. */
    public CompletableFuture<Void> started() {
        return reader.started();
    }

    public boolean alive() {
        return reader.alive();
    }

    public Optional<Throwable> failure() {
        return reader.failure();
    }

    /**
     * Once the answers' topics are followed, sends the request {@code request} makes and completes with the answer to
     * {@code callId}, or fails when the request cannot be made or written. {@link #forget} the call once done waiting,
     * whatever came of it.
     */
    public CompletableFuture<A> send(Producer<String, byte[]> producer, String callId,
                                     Supplier<ProducerRecord<String, byte[]>> request) {
        return reader.started().thenCompose(ready -> {
            CompletableFuture<A> answer = waiting.computeIfAbsent(callId, id -> new CompletableFuture<>());
            try {
                producer.send(request.get(), (metadata, e) -> {
                    if (e != null) {
                        answer.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
            return answer;
        });
    }

    public void forget(String callId) {
        waiting.remove(callId);
    }

    @Override
    public void close() {
        reader.close();
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        Answer<A> answer;
        try {
            answer = reading.read(record);
        } catch (SerializationException e) {
            log.warn("Ignoring an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        CompletableFuture<A> call = answer == null ? null : waiting.remove(answer.callId());
        if (call != null) {
            call.complete(answer.value());
        }
    }

    private void failWaiting() {
        IllegalStateException stopped = new IllegalStateException(what + " stopped");
        waiting.values().forEach(future -> future.completeExceptionally(stopped));
        reading.stopped(stopped);
    }
}
