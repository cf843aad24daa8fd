package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.model.CustomHeaders;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.common.secrets.SecretCipher;
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

/**
 * Makes one attempt of one delivery: renders, signs and POSTs it (with the webhook's client certificate and OAuth 2.0
 * token, see {@link EndpointExchange}), then classifies the result.
 */
public final class DeliveryAttempter {

    /** The result of an attempt: the raw HTTP exchange and what it means. */
    public record Result(HttpAttempt http, AttemptOutcome outcome) {
    }

    private final EndpointExchange exchange;
    private final AttemptClassifier classifier;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final WebhookUrlPolicy urls;

    public DeliveryAttempter(EndpointExchange exchange, AttemptClassifier classifier, DeliveryMetrics metrics,
                             Clock clock, WebhookUrlPolicy urls) {
        this.exchange = exchange;
        this.classifier = classifier;
        this.metrics = metrics;
        this.clock = clock;
        this.urls = urls;
    }

    /**
     * @param replayed whether the delivery is a replayed dead letter's: its 2xx is not timed end to end, the time since
     *                 its event being mostly the time it waited in the dead-letter topic
     */
    public CompletableFuture<Result> attempt(Delivery delivery, Subscription subscription, boolean replayed) {
        URI url;
        try {
            url = URI.create(subscription.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(refused(delivery, "invalid URL: " + e.getMessage()));
        }
        Instant now = clock.instant();
        Optional<String> unsendable = urls.refusal(url).or(() -> unsendable(subscription, now));
        if (unsendable.isPresent()) {
            return CompletableFuture.completedFuture(refused(delivery, unsendable.get()));
        }
        byte[] body = ReceiverPayload.of(delivery).toBytes();
        return exchange.post(subscription, url, headers(delivery, subscription, now, body), body).thenApply(http -> {
            AttemptOutcome outcome = classifier.classify(http);
            metrics.attempted(delivery.webhookId(), outcomeLabel(outcome), http);
            if (outcome instanceof AttemptOutcome.Delivered && !replayed) {
                metrics.delivered(delivery.event().timestamp(), clock.instant());
            }
            return new Result(http, outcome);
        });
    }

    /**
     * Why the webhook's secrets, headers or client credentials cannot go out as they are, if so. The API refuses bad headers, but a record
     * may predate its rules or come from another writer: such a header refuses the attempt rather than going out
     * altered. A secret or header value that no configured key decrypts stays encrypted in the view: sending it, or
     * signing with it, would be wrong, so the attempt is refused until the key is configured.
     */
    private static Optional<String> unsendable(Subscription subscription, Instant now) {
        if (subscription.secret() == null) {
            return Optional.of("the webhook has no signing secret; give it one (rotate-secret), then replay");
        }
        boolean sealed = SecretCipher.isSealed(subscription.secret())
                || subscription.headers().values().stream().anyMatch(SecretCipher::isSealed)
                || subscription.signingSecrets(now).stream().anyMatch(SecretCipher::isSealed)
                || (subscription.clientCertificate() != null
                        && (SecretCipher.isSealed(subscription.clientCertificate().certificate())
                                || SecretCipher.isSealed(subscription.clientCertificate().privateKey())))
                || (subscription.oauth2() != null && SecretCipher.isSealed(subscription.oauth2().clientSecret()));
        if (sealed) {
            return Optional.of("the webhook's secrets cannot be decrypted: they were encrypted with a key that "
                    + "secrets.key and secrets.previous-keys do not hold; configure it, then replay");
        }
        for (Map.Entry<String, String> header : subscription.headers().entrySet()) {
            Optional<String> problem = CustomHeaders.problem(header.getKey(), header.getValue());
            if (problem.isPresent()) {
                return Optional.of(problem.get() + "; correct the webhook's headers, then replay");
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
        metrics.attempted(delivery.webhookId(), outcomeLabel(outcome), http);
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
