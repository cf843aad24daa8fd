package com.chatplugify.webhooks.common.model;

/**
 * The client certificate a webhook's deliveries present to its endpoint (mutual TLS): the certificate chain, the
 * endpoint's own certificate first, and its private key, both PEM. Both are stored encrypted like every secret of a
 * webhook, and the API never returns either.
 *
 * @param certificate one or more {@code -----BEGIN CERTIFICATE-----} blocks
 * @param privateKey  a PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC 1
 *                    ({@code BEGIN EC PRIVATE KEY}) key, unencrypted
 */
public record ClientCertificate(String certificate, String privateKey) {

    /** Never the certificate or the key. */
    @Override
    public String toString() {
        return "ClientCertificate[certificate=" + Redaction.mask(certificate) + ", privateKey="
                + Redaction.mask(privateKey) + "]";
    }
}
