package com.chatplugify.webhooks.router.errors;

import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.router.topology.RoutingTopology;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router does when a record it writes fails; it never goes on without the record.
 * <ul>
 *   <li>A transient failure is retried: Kafka Streams runs the task again from its last commit.</li>
 *   <li>A record that cannot be serialized sends its input to the invalid topic of its origin
 *       ({@code unprocessable}), in the task's own transaction.</li>
 *   <li>Any other failure, under {@code at_least_once}, sends the input to the invalid topic of its origin with
 *       reason {@code unwritable} and the error; an operator can replay it from there.</li>
 *   <li>Under {@code exactly_once_v2} the failed write has doomed the transaction (an invalid-topic record in it
 *       would be lost too, and processing the input again fails again), and an invalid-topic record that cannot be
 *       written leaves nowhere to go: the router stops, reports why in {@link WriteFailures}, and is not ready.</li>
 * </ul>
 */
public final class ProductionFailureHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProductionFailureHandler.class);

    private InvalidRecords invalidRecords;
    private WriteFailures failures;
    private boolean exactlyOnce;

    @Override
    public void configure(Map<String, ?> configs) {
        invalidRecords = InvalidRecords.fromConfig(configs);
        failures = WriteFailures.fromConfig(configs);
        exactlyOnce = !StreamsConfig.AT_LEAST_ONCE.equals(configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        String target = RoutingTopology.invalidTopicFor(context.topic());
        if (exactlyOnce || record.topic().equals(target)) {
            String what = "cannot write to " + record.topic() + " for input " + context.topic() + "-"
                    + context.partition() + "@" + context.offset() + ": " + exception;
            log.error("Router {}; stopping rather than going on without it", what, exception);
            failures.fatal(what);
            return Response.fail();
        }
        log.error("Router cannot write to {} for input {}-{}@{}; the input goes to {}", record.topic(), context.topic(),
                context.partition(), context.offset(), target, exception);
        return Response.resume(List.of(invalidRecords.of(context, context.sourceRawKey(), context.sourceRawValue(),
                Violation.UNWRITABLE, "writing to " + record.topic() + " failed: ", exception)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return Response.resume(List.of(invalidRecords.of(context, context.sourceRawKey(), context.sourceRawValue(), exception)));
    }
}
