package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.tls.ClientCertificates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The client identities of the webhooks that have a client certificate, each read once and kept while it is used:
 * a webhook's identity is made again when its certificate or key changes, refused once its certificate has expired,
 * and forgotten once unused for a while.
 */
public final class ClientIdentities {

    /**
     * A webhook's identity, or why its certificate cannot be presented.
     *
     * @param identity null when {@code problem} is set
     */
    public record Lookup(ClientIdentity identity, String problem) {
    }

    /** @param expiresAt when the certificate stops being valid, and the identity with it */
    private record Kept(ClientIdentity identity, Instant expiresAt, Instant lastUsed) {
    }

    private final DeliveryTls tls;
    private final Clock clock;
    private final ConcurrentHashMap<String, Kept> byWebhook = new ConcurrentHashMap<>();

    public ClientIdentities(DeliveryTls tls, Clock clock) {
        this.tls = tls;
        this.clock = clock;
    }

    /** The identity of webhook {@code webhookId} with client certificate {@code pem}. */
    public Lookup of(String webhookId, ClientCertificate pem) {
        String fingerprint = fingerprint(pem);
        Instant now = clock.instant();
        Kept kept = byWebhook.get(webhookId);
        if (kept != null && kept.identity().fingerprint().equals(fingerprint) && now.isBefore(kept.expiresAt())) {
            byWebhook.replace(webhookId, kept, new Kept(kept.identity(), kept.expiresAt(), now));
            return new Lookup(kept.identity(), null);
        }
        ClientCertificates.Reading reading = ClientCertificates.read(pem, now);
        if (!reading.valid()) {
            byWebhook.remove(webhookId);
            return new Lookup(null, "the webhook's client certificate cannot be presented: " + reading.violations()
                    .stream().map(Violation::message).collect(Collectors.joining("; ")));
        }
        ClientIdentity identity = new ClientIdentity(webhookId, fingerprint, tls.presenting(reading.material()));
        byWebhook.put(webhookId, new Kept(identity, reading.material().certificate().getNotAfter().toInstant(), now));
        return new Lookup(identity, null);
    }

    /** Forgets the identities not used for {@code idle}; their pooled connections close as idle ones do. */
    public void evictIdle(Duration idle) {
        Instant before = clock.instant().minus(idle);
        byWebhook.values().removeIf(kept -> kept.lastUsed().isBefore(before));
    }

    private static String fingerprint(ClientCertificate pem) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(pem.certificate().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(pem.privateKey().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
