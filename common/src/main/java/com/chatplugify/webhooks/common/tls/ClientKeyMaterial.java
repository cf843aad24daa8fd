package com.chatplugify.webhooks.common.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A client certificate read and checked by {@link ClientCertificates}: what a TLS handshake presents.
 *
 * @param chain the certificate chain, the client's own certificate first
 */
public record ClientKeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    public ClientKeyMaterial {
        chain = List.copyOf(chain);
    }

    /** The client's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The certificate's subject, never the key. */
    @Override
    public String toString() {
        return "ClientKeyMaterial[subject=" + certificate().getSubjectX500Principal() + ", chain=" + chain.size()
                + " certificates, privateKey=********]";
    }
}
