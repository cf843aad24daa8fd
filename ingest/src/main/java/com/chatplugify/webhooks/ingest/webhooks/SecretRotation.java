package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Subscription.RetiringSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces a webhook's signing secret while the old one keeps signing beside it for a grace period, so that a
 * receiver can deploy the new secret without failing a single delivery (Standard Webhooks allows several
 * signatures in {@code webhook-signature}). Expired retiring secrets are dropped on every write.
 */
public final class SecretRotation {

    /** Retiring secrets kept at most: each adds a signature to every delivery. */
    public static final int MAX_RETIRING = 5;

    private final Duration grace;

    public SecretRotation(Duration grace) {
        this.grace = grace;
    }

    /**
     * {@code current} signing with {@code newSecret}, the replaced secret retiring at {@code now + grace}: the
     * webhook's next version.
     */
    public Subscription rotate(Subscription current, String newSecret, Instant now) {
        List<RetiringSecret> retiring = new ArrayList<>(unexpired(current.retiringSecrets(), now));
        if (!grace.isZero() && !current.secret().equals(newSecret)) {
            retiring.add(new RetiringSecret(current.secret(), now.plus(grace)));
        }
        retiring.removeIf(secret -> secret.secret().equals(newSecret));
        retiring.sort(Comparator.comparing(RetiringSecret::expiresAt).reversed());
        List<RetiringSecret> kept = retiring.size() > MAX_RETIRING ? retiring.subList(0, MAX_RETIRING) : retiring;
        return new Subscription(current.id(), current.workspaceId(), current.url(), current.events(), current.headers(),
                newSecret, current.enabled(), current.description(), current.rateLimitPerSecond(), current.createdAt(),
                now, kept, current.version() + 1, current.disabledReason(), current.ordering(), current.onFailure(),
                current.clientCertificate(), current.oauth2());
    }

    /** The retiring secrets still signing at {@code now}; what every write keeps. */
    public static List<RetiringSecret> unexpired(List<RetiringSecret> retiring, Instant now) {
        return retiring.stream().filter(secret -> secret.expiresAt().isAfter(now)).toList();
    }
}
