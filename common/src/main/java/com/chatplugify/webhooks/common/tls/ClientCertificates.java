package com.chatplugify.webhooks.common.tls;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.Violation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The one decision on whether a webhook's client certificate can be presented: made by the API when one is written,
 * by the subscriptions' owner when a write keeps part of the current one, and by the deliverer before it presents
 * one (a record may come from another writer). The certificate field holds one to {@value #MAX_CHAIN} PEM
 * certificates, the webhook's own first, valid now; the key field one unencrypted PEM private key (PKCS#8, PKCS#1 or
 * SEC 1; RSA, EC or EdDSA) that belongs to that first certificate. PEM is read with Bouncy Castle, keys are made by
 * the JDK's providers. Problems never quote the key.
 */
public final class ClientCertificates {

    public static final String CERTIFICATE_FIELD = "clientCertificate.certificate";
    public static final String PRIVATE_KEY_FIELD = "clientCertificate.privateKey";
    public static final int MAX_CERTIFICATE_CHARS = 32 * 1024;
    public static final int MAX_PRIVATE_KEY_CHARS = 16 * 1024;
    public static final int MAX_CHAIN = 10;

    private static final String NOT_ITS_KEY = "is not the private key of the certificate (the first one of "
            + "clientCertificate.certificate)";
    private static final byte[] PROOF = "chatplugify-webhooks/client-certificate-check".getBytes(StandardCharsets.UTF_8);

    /**
     * What reading gave.
     *
     * @param material   the certificate chain and key; null when there are violations
     * @param violations what is wrong, each naming its field
     */
    public record Reading(ClientKeyMaterial material, List<Violation> violations) {

        public Reading {
            violations = List.copyOf(violations);
        }

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private ClientCertificates() {
    }

    /** Reads and checks {@code given} as of {@code now}. */
    public static Reading read(ClientCertificate given, Instant now) {
        List<Violation> violations = new ArrayList<>();
        List<X509Certificate> chain = chain(given.certificate(), now, violations);
        PrivateKey key = privateKey(given.privateKey(), violations);
        if (violations.isEmpty()) {
            mismatch(chain.get(0), key).ifPresent(problem -> violations.add(invalid(PRIVATE_KEY_FIELD, problem)));
        }
        return new Reading(violations.isEmpty() ? new ClientKeyMaterial(chain, key) : null, violations);
    }

    private static List<X509Certificate> chain(String pem, Instant now, List<Violation> violations) {
        if (pem == null || pem.isBlank()) {
            violations.add(new Violation(Violation.MISSING_FIELD, CERTIFICATE_FIELD,
                    "the client certificate is required: one or more -----BEGIN CERTIFICATE----- blocks"));
            return List.of();
        }
        if (pem.length() > MAX_CERTIFICATE_CHARS) {
            violations.add(invalid(CERTIFICATE_FIELD, "is longer than " + MAX_CERTIFICATE_CHARS + " characters"));
            return List.of();
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (!(block instanceof X509CertificateHolder holder)) {
                    violations.add(invalid(CERTIFICATE_FIELD, "holds something other than certificates (a "
                            + describe(block) + "); the private key goes in clientCertificate.privateKey"));
                    return List.of();
                }
                chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            violations.add(invalid(CERTIFICATE_FIELD, "is not a readable PEM certificate: " + e.getMessage()));
            return List.of();
        }
        if (chain.isEmpty()) {
            violations.add(invalid(CERTIFICATE_FIELD, "holds no PEM certificate: expected -----BEGIN CERTIFICATE-----"));
        } else if (chain.size() > MAX_CHAIN) {
            violations.add(invalid(CERTIFICATE_FIELD, "holds more than " + MAX_CHAIN + " certificates"));
        } else {
            validity(chain.get(0), now).ifPresent(problem -> violations.add(invalid(CERTIFICATE_FIELD, problem)));
        }
        return violations.isEmpty() ? chain : List.of();
    }

    private static Optional<String> validity(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of("expired at " + certificate.getNotAfter().toInstant()
                    + "; endpoints refuse it");
        } catch (CertificateNotYetValidException e) {
            return Optional.of("is not valid before " + certificate.getNotBefore().toInstant()
                    + "; endpoints refuse it until then");
        }
    }

    private static PrivateKey privateKey(String pem, List<Violation> violations) {
        if (pem == null || pem.isBlank()) {
            violations.add(new Violation(Violation.MISSING_FIELD, PRIVATE_KEY_FIELD,
                    "the certificate's private key is required, PEM"));
            return null;
        }
        if (pem.length() > MAX_PRIVATE_KEY_CHARS) {
            violations.add(invalid(PRIVATE_KEY_FIELD, "is longer than " + MAX_PRIVATE_KEY_CHARS + " characters"));
            return null;
        }
        Object block;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            block = parser.readObject();
            if (isKey(block) && parser.readObject() != null) {
                violations.add(invalid(PRIVATE_KEY_FIELD, "holds more than one PEM block; give the private key alone"));
                return null;
            }
        } catch (IOException | RuntimeException e) {
            // Never the parser's message: it could quote part of the key.
            violations.add(invalid(PRIVATE_KEY_FIELD, "is not a readable PEM private key"));
            return null;
        }
        if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
            violations.add(invalid(PRIVATE_KEY_FIELD, "is encrypted; give it unencrypted (it is stored encrypted), "
                    + "e.g. from openssl pkcs8 -topk8 -nocrypt"));
            return null;
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (block instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (block instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            violations.add(invalid(PRIVATE_KEY_FIELD, "is of a kind this server cannot use; give an RSA, EC or "
                    + "Ed25519 key"));
            return null;
        }
        violations.add(invalid(PRIVATE_KEY_FIELD, block == null
                ? "holds no PEM private key: expected -----BEGIN PRIVATE KEY----- (or RSA PRIVATE KEY, EC PRIVATE KEY)"
                : "holds a " + describe(block) + ", not a private key"));
        return null;
    }

    /** Why {@code key} is not the key of {@code certificate}, found by signing with one and verifying with the other. */
    private static Optional<String> mismatch(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return Optional.of("is a " + key.getAlgorithm() + " key; give an RSA, EC or Ed25519 key");
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROOF);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROOF);
            return verifier.verify(signature) ? Optional.empty() : Optional.of(NOT_ITS_KEY);
        } catch (GeneralSecurityException e) {
            return Optional.of(NOT_ITS_KEY);
        }
    }

    private static boolean isKey(Object block) {
        return block instanceof PEMKeyPair || block instanceof PrivateKeyInfo || block instanceof PEMEncryptedKeyPair
                || block instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static String describe(Object block) {
        if (isKey(block)) {
            return "private key";
        }
        return block instanceof X509CertificateHolder ? "certificate" : "PEM block of another kind";
    }

    private static Violation invalid(String field, String problem) {
        String subject = field.equals(CERTIFICATE_FIELD) ? "the client certificate " : "the private key ";
        return new Violation(Violation.INVALID_VALUE, field, subject + problem);
    }
}
