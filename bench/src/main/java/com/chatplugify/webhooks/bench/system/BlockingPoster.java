package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.http.ReceiverPayload;
import com.chatplugify.webhooks.deliverer.signing.WebhookSigner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hand-written deliverer does with one record: read the delivery, look its webhook up, render and sign the
 * body as our deliverer does (so that both do the same work per request), and POST it with a blocking client on the
 * calling thread (httpclient5 classic, as Spring's {@code RestTemplate} over HttpComponents does), connect and
 * response timeouts of the delivery timeout, no retries of its own. The pool has a connection per calling thread, so
 * that it is never what the baselines wait for.
 */
public final class BlockingPoster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlockingPoster.class);

    /** How one record went. */
    public enum Outcome {
        /** A 2xx. */
        DELIVERED,
        /** Another status, or none (refused, timed out). */
        FAILED,
        /** Nothing to send: unreadable, or its webhook is gone. */
        SKIPPED
    }

    private final SubscriptionView subscriptions;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);
    private final LongAdder attempts = new LongAdder();
    private final LongAdder withoutStatus = new LongAdder();

    /**
     * @param subscriptions a started view of the subscriptions topic, for each webhook's URL, headers and secret
     * @param threads       how many threads post at once: the connection pool's size
     */
    public BlockingPoster(SubscriptionView subscriptions, Clock clock, Duration timeout, int threads) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(threads)
                        .setMaxConnTotal(threads)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableAutomaticRetries()
                .setUserAgent("Chatplugify-Webhooks-Bench-Baseline")
                .build();
    }

    public Outcome post(ConsumerRecord<String, byte[]> record) {
        Delivery delivery;
        try {
            delivery = serde.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("Baseline skips an unreadable delivery at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return Outcome.SKIPPED;
        }
        Subscription subscription = subscriptions.get(delivery.webhookId()).orElse(null);
        if (subscription == null) {
            return Outcome.SKIPPED;
        }
        byte[] body = ReceiverPayload.of(delivery).toBytes();
        long timestamp = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(subscription.url());
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        post.setHeader("webhook-id", delivery.event().id());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", WebhookSigner.signatureHeader(subscription.signingSecrets(clock.instant()),
                delivery.event().id(), timestamp, body));
        subscription.headers().forEach(post::setHeader);
        attempts.increment();
        try {
            int status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            return status / 100 == 2 ? Outcome.DELIVERED : Outcome.FAILED;
        } catch (IOException e) {
            withoutStatus.increment();
            log.debug("Baseline attempt failed webhookId={} eventId={}: {}", delivery.webhookId(), delivery.event().id(), e.toString());
            return Outcome.FAILED;
        }
    }

    /** HTTP attempts made so far. */
    public long attempts() {
        return attempts.sum();
    }

    /** Attempts that got no HTTP status: refused connections, timeouts. */
    public long attemptsWithoutStatus() {
        return withoutStatus.sum();
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
