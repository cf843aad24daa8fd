package com.chatplugify.webhooks.router.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router does when a record it writes fails. A transient failure is retried: Kafka Streams re-runs the
 * task from its last commit, so nothing is lost. A record that cannot be serialized sends its input to the
 * invalid topic of its origin. Any other failure is logged and the router goes on rather than replaying the
 * same record forever; under exactly-once the transaction holding it aborts and the input is processed again.
 */
public final class ResumingProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ResumingProductionExceptionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.fromConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        log.error("Router could not write a record to {} for input {}-{}@{}; going on without it",
                record.topic(), context.topic(), context.partition(), context.offset(), exception);
        return Response.resume();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return Response.resume(List.of(deadLetters.of(context, context.sourceRawKey(), context.sourceRawValue(), exception)));
    }
}
