package com.chatplugify.webhooks.router.errors;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionRedaction;
import com.chatplugify.webhooks.router.topology.InvalidRecordHeaders;
import com.chatplugify.webhooks.router.topology.RouterMetrics;
import com.chatplugify.webhooks.router.topology.RoutingTopology;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the record that takes an input the router could not read, process or write the results of to the invalid
 * topic of its origin, with the reason ({@link Violation#UNPROCESSABLE}, {@link Violation#UNWRITABLE}), and counts
 * it. Kafka Streams sends it in the task's own
 * transaction, so under exactly-once it is written exactly when the input counts as consumed.
 */
final class InvalidRecords {

    private static final Logger log = LoggerFactory.getLogger(InvalidRecords.class);

    private final RouterMetrics metrics;

    private InvalidRecords(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    static InvalidRecords fromConfig(Map<String, ?> configs) {
        Object metrics = configs.get(InvalidRecordExceptionHandler.METRICS_CONFIG);
        if (!(metrics instanceof RouterMetrics)) {
            throw new ConfigException(InvalidRecordExceptionHandler.METRICS_CONFIG, metrics, "the router's exception handlers need its RouterMetrics");
        }
        return new InvalidRecords((RouterMetrics) metrics);
    }

    /** The invalid-topic copy of an input the router could not read or process. */
    ProducerRecord<byte[], byte[]> of(ErrorHandlerContext context, byte[] key, byte[] value, Exception exception) {
        log.error("Router cannot use record {}-{}@{} (processor {}, task {}); it goes to {}", context.topic(),
                context.partition(), context.offset(), context.processorNodeId(), context.taskId(),
                RoutingTopology.invalidTopicFor(context.topic()), exception);
        return of(context, key, value, Violation.UNPROCESSABLE, "", exception);
    }

    /**
     * The invalid-topic copy of the input record described by {@code context}, whose raw key and value are given.
     *
     * @param what what failed, before the exception in the detail
     */
    ProducerRecord<byte[], byte[]> of(ErrorHandlerContext context, byte[] key, byte[] value, String reason, String what,
                                      Exception exception) {
        String target = RoutingTopology.invalidTopicFor(context.topic());
        boolean subscription = Topics.SUBSCRIPTIONS_INVALID.equals(target);
        // A subscription's copy shows no plaintext secret, and its detail no exception message that could quote one.
        byte[] copy = subscription ? SubscriptionRedaction.of(value).value() : value;
        ProducerRecord<byte[], byte[]> copyRecord = new ProducerRecord<>(target, null,
                context.timestamp() < 0 ? null : context.timestamp(), key, copy);
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                copyRecord.headers().add(header);
            }
        }
        InvalidRecordHeaders.write(copyRecord.headers(), reason,
                what + (subscription ? exception.getClass().getName() : describe(exception)),
                context.topic(), context.partition(), context.offset());
        if (subscription) {
            metrics.invalidSubscription(reason);
        } else {
            metrics.invalidEvent(reason);
        }
        return copyRecord;
    }

    private static String describe(Exception exception) {
        String message = exception.getMessage();
        if (message == null) {
            return exception.getClass().getName();
        }
        int newline = message.indexOf('\n');
        return exception.getClass().getName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
