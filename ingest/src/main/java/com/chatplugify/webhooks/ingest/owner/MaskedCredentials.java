package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.secrets.SecretCipher;
import com.chatplugify.webhooks.common.tls.ClientCertificates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The client certificate and OAuth 2.0 credentials a write asks for, where a secret part given as the mask
 * ({@value Redaction#MASK}, as every answer shows it) keeps the webhook's current value: its certificate, its private
 * key, its client secret. A mask the webhook has no value for is refused, never stored; a certificate and key of which
 * one part was kept are checked to still belong together. Decided by the owner, against the webhook as it is when the
 * write applies.
 *
 * @param violations empty when the credentials can be written
 */
record MaskedCredentials(ClientCertificate clientCertificate, OAuth2ClientCredentials oauth2, List<Violation> violations) {

    /** @param current the webhook as it is, or null when the write creates it */
    static MaskedCredentials resolve(Subscription requested, Subscription current, Instant now) {
        List<Violation> violations = new ArrayList<>();
        ClientCertificate certificate = requested.clientCertificate();
        if (certificate != null && (masked(certificate.certificate()) || masked(certificate.privateKey()))) {
            ClientCertificate kept = current == null ? null : current.clientCertificate();
            certificate = new ClientCertificate(
                    keep(certificate.certificate(), kept, ClientCertificate::certificate, ClientCertificates.CERTIFICATE_FIELD,
                            "client certificate", violations),
                    keep(certificate.privateKey(), kept, ClientCertificate::privateKey, ClientCertificates.PRIVATE_KEY_FIELD,
                            "private key", violations));
            if (violations.isEmpty() && !SecretCipher.isSealed(certificate.certificate())
                    && !SecretCipher.isSealed(certificate.privateKey())) {
                violations.addAll(ClientCertificates.read(certificate, now).violations());
            }
        }
        OAuth2ClientCredentials oauth2 = requested.oauth2();
        if (oauth2 != null && masked(oauth2.clientSecret())) {
            oauth2 = oauth2.withClientSecret(keep(oauth2.clientSecret(), current == null ? null : current.oauth2(),
                    OAuth2ClientCredentials::clientSecret, "oauth2.clientSecret", "OAuth 2.0 client secret", violations));
        }
        return new MaskedCredentials(certificate, oauth2, List.copyOf(violations));
    }

    private static boolean masked(String value) {
        return Redaction.MASK.equals(value);
    }

    /** {@code given}, or when it is the mask the current value {@code part} of {@code kept}. */
    private static <T> String keep(String given, T kept, Function<T, String> part, String field, String what,
                                   List<Violation> violations) {
        if (!masked(given)) {
            return given;
        }
        if (kept == null) {
            violations.add(new Violation(Violation.INVALID_VALUE, field, "'" + field + "' is " + Redaction.MASK
                    + ", which keeps a hidden value, but the webhook has no " + what + "; give the value"));
            return given;
        }
        return part.apply(kept);
    }
}
