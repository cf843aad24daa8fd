package com.chatplugify.webhooks.deliverer.http;

import java.util.Objects;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;

/**
 * One webhook's client certificate, ready to present: the TLS set-up that presents it. Two identities are the same
 * only for the same webhook and the same certificate and key, and the HTTP client keys its connection pool by the
 * identity (see {@link TlsTarget}): a connection opened with one webhook's certificate is never used for another
 * webhook, nor for the same webhook once its certificate changed.
 *
 * @param fingerprint SHA-256 of the certificate and key as configured, hex
 */
public record ClientIdentity(String webhookId, String fingerprint, TlsStrategy tls) {

    public ClientIdentity {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(tls, "tls");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientIdentity that && webhookId.equals(that.webhookId)
                && fingerprint.equals(that.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(webhookId, fingerprint);
    }

    @Override
    public String toString() {
        return "ClientIdentity[webhookId=" + webhookId + ", fingerprint=" + fingerprint.substring(0, 12) + "...]";
    }
}
