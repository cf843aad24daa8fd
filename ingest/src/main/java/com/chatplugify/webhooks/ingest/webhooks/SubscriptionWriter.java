package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes webhooks to the compacted subscriptions topic and completes once the view has read the write back,
 * so that a read after a write through the API sees it.
 */
public final class SubscriptionWriter {

    private final Producer<String, byte[]> producer;
    private final SubscriptionView view;
    private final SubscriptionCodec codec;

    /** @param codec encrypts the secret values of what is written */
    public SubscriptionWriter(Producer<String, byte[]> producer, SubscriptionView view, SubscriptionCodec codec) {
        this.producer = producer;
        this.view = view;
        this.codec = codec;
    }

    public CompletableFuture<Subscription> put(Subscription subscription) {
        return write(subscription.id(), codec.encode(subscription)).thenApply(ignored -> subscription);
    }

    /** Writes a tombstone: the webhook is deleted everywhere. */
    public CompletableFuture<Void> delete(String webhookId) {
        return write(webhookId, null);
    }

    private CompletableFuture<Void> write(String webhookId, byte[] value) {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, value), (metadata, e) -> {
            if (e != null) {
                seen.completeExceptionally(e);
            } else {
                view.awaitOffset(metadata.partition(), metadata.offset()).whenComplete((ignored, viewError) -> {
                    if (viewError != null) {
                        seen.completeExceptionally(viewError);
                    } else {
                        seen.complete(null);
                    }
                });
            }
        });
        return seen;
    }
}
