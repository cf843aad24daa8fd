package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.Durations;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Kafka did not answer in time: an expected condition (the brokers are down, or kafka.bootstrap.servers points at the
 * wrong place), reported with where it asked and how long it waited, not as a bug with a stack trace.
 */
public final class KafkaUnreachableException extends RuntimeException {

    public KafkaUnreachableException(String message) {
        super(message);
    }

    /** "no answer from kafka.bootstrap.servers=host:port within 2s". */
    public static String noAnswer(String bootstrapServers, Duration waited) {
        return "no answer from " + CommonConfig.KAFKA_BOOTSTRAP_SERVERS + "=" + bootstrapServers + " within "
                + Durations.format(waited);
    }

    /**
     * Whether {@code failure}, as an admin call's future reports it, says that Kafka did not answer in time (rather
     * than that it answered with an error).
     */
    public static boolean isTimeout(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException;
    }

    /** What an admin call's {@code failure} says: {@link #noAnswer} for a timeout, else the error Kafka answered. */
    public static String describe(Throwable failure, String bootstrapServers, Duration waited) {
        if (isTimeout(failure)) {
            return noAnswer(bootstrapServers, waited);
        }
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
