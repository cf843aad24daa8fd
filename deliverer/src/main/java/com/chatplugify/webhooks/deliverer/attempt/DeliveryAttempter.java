package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.model.CustomHeaders;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import com.chatplugify.webhooks.deliverer.http.ReceiverPayload;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import com.chatplugify.webhooks.deliverer.signing.WebhookSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Makes one attempt of one delivery: renders, signs and POSTs it, then classifies the result. */
public final class DeliveryAttempter {

    /** The result of an attempt: the raw HTTP exchange and what it means. */
    public record Result(HttpAttempt http, AttemptOutcome outcome) {
    }

    private final WebhookHttpClient client;
    private final AttemptClassifier classifier;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final boolean allowHttp;

    public DeliveryAttempter(WebhookHttpClient client, AttemptClassifier classifier, DeliveryMetrics metrics,
                             Clock clock, boolean allowHttp) {
        this.client = client;
        this.classifier = classifier;
        this.metrics = metrics;
        this.clock = clock;
        this.allowHttp = allowHttp;
    }

    public CompletableFuture<Result> attempt(Delivery delivery, Subscription subscription) {
        URI url;
        try {
            url = URI.create(subscription.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(refused(delivery, "invalid URL: " + e.getMessage()));
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) && !(allowHttp && "http".equalsIgnoreCase(url.getScheme()))) {
            return CompletableFuture.completedFuture(refused(delivery, "scheme '" + url.getScheme()
                    + "' refused; only https" + (allowHttp ? " and http" : "") + " endpoints are delivered to"));
        }
        if (url.getHost() == null) {
            return CompletableFuture.completedFuture(refused(delivery,
                    "invalid URL: no host in " + url.getScheme() + " URL"));
        }
        Optional<String> badHeader = headerProblem(subscription);
        if (badHeader.isPresent()) {
            return CompletableFuture.completedFuture(refused(delivery, badHeader.get()
                    + "; correct the webhook's headers, then replay"));
        }
        Instant now = clock.instant();
        byte[] body = ReceiverPayload.of(delivery).toBytes();
        return client.post(url, headers(delivery, subscription, now, body), body).thenApply(http -> {
            AttemptOutcome outcome = classifier.classify(http);
            metrics.attempted(delivery.webhookId(), outcomeLabel(outcome), http.status(), http.latency());
            if (outcome instanceof AttemptOutcome.Delivered) {
                metrics.delivered(Duration.between(delivery.event().timestamp(), clock.instant()));
            }
            return new Result(http, outcome);
        });
    }

    /**
     * The API refuses bad headers, but a record may predate its rules or come from another writer: a header that
     * cannot be sent as it is refuses the attempt rather than going out altered.
     */
    private static Optional<String> headerProblem(Subscription subscription) {
        for (Map.Entry<String, String> header : subscription.headers().entrySet()) {
            Optional<String> problem = CustomHeaders.problem(header.getKey(), header.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    static Map<String, String> headers(Delivery delivery, Subscription subscription, Instant now, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(subscription.headers());
        long timestamp = now.getEpochSecond();
        headers.put("webhook-id", delivery.event().id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.signatureHeader(subscription.signingSecrets(now),
                delivery.event().id(), timestamp, body));
        headers.put("User-Agent", WebhookHttpClient.USER_AGENT);
        return headers;
    }

    private Result refused(Delivery delivery, String reason) {
        HttpAttempt http = HttpAttempt.refused(reason, Duration.ZERO);
        AttemptOutcome outcome = classifier.classify(http);
        metrics.attempted(delivery.webhookId(), outcomeLabel(outcome), 0, Duration.ZERO);
        return new Result(http, outcome);
    }

    private static String outcomeLabel(AttemptOutcome outcome) {
        if (outcome instanceof AttemptOutcome.Delivered) {
            return "delivered";
        }
        if (outcome instanceof AttemptOutcome.Gone) {
            return "gone";
        }
        return outcome instanceof AttemptOutcome.Refused ? "refused" : "failed";
    }
}
