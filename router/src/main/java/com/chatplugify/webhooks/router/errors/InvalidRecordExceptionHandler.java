package com.chatplugify.webhooks.router.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the router does with a record it cannot deserialize or that fails in a processor: sends it to the invalid
 * topic of its origin and goes on with the next. Validation refuses bad input before it gets here; this handler
 * keeps the rest (a bug, a record written to an internal topic by someone else) from stopping the router or
 * replaying the same record in a loop.
 */
public final class InvalidRecordExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /**
     * The Kafka Streams property under which the router hands its {@code RouterMetrics} to the exception handlers,
     * which Kafka Streams creates by class name.
     */
    public static final String METRICS_CONFIG = "chatplugify.router.metrics";

    private InvalidRecords invalidRecords;

    @Override
    public void configure(Map<String, ?> configs) {
        invalidRecords = InvalidRecords.fromConfig(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(
                List.of(invalidRecords.of(context, record.key(), record.value(), exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        return ProcessingExceptionHandler.Response.resume(
                List.of(invalidRecords.of(context, context.sourceRawKey(), context.sourceRawValue(), exception)));
    }
}
