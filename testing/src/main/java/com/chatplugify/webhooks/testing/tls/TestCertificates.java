package com.chatplugify.webhooks.testing.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made in the test, with Bouncy Castle: a certificate authority issues server certificates (for
 * {@code 127.0.0.1} and test names) and client certificates (RSA, EC or Ed25519), written as PEM the way OpenSSL
 * writes them, and the SSL contexts of the servers and clients that use them.
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "test".toCharArray();

    /** The kinds of keys issued. */
    public enum KeyKind { RSA, EC, ED25519 }

    private TestCertificates() {
    }

    /** A new certificate authority, valid from an hour ago for a day. */
    public static Authority authority(String name) {
        KeyPair keys = keyPair(KeyKind.RSA);
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Authority(keys, sign(builder, keys, KeyKind.RSA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate authority: it issues certificates, and contexts that trust it are made from it. */
    public record Authority(KeyPair keys, X509Certificate certificate) {

        /** A server certificate for each of {@code names} (host names or IP literals), RSA. */
        public Issued server(String... names) {
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names) {
                alternatives.add(Character.isDigit(name.charAt(0)) || name.contains(":")
                        ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
            }
            return issue("CN=" + names[0], KeyKind.RSA, KeyPurposeId.id_kp_serverAuth, alternatives,
                    Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
        }

        /** A client certificate of that common name and key kind, valid from an hour ago for a day. */
        public Issued client(String commonName, KeyKind kind) {
            return client(commonName, kind, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
        }

        /** A client certificate valid from {@code notBefore} to {@code notAfter}. */
        public Issued client(String commonName, KeyKind kind, Instant notBefore, Instant notAfter) {
            return issue("CN=" + commonName, kind, KeyPurposeId.id_kp_clientAuth, List.of(), notBefore, notAfter);
        }

        /** A new certificate for the key of {@code earlier}: a renewal that keeps the key. */
        public Issued renew(Issued earlier, String commonName) {
            return issue("CN=" + commonName, earlier.keys(), KeyPurposeId.id_kp_clientAuth, List.of(),
                    Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(2)));
        }

        /** A trust manager that trusts this authority alone. */
        public X509TrustManager trustManager() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("authority", certificate);
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                return (X509TrustManager) factory.getTrustManagers()[0];
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private Issued issue(String subject, KeyKind kind, KeyPurposeId purpose, List<GeneralName> alternatives,
                             Instant notBefore, Instant notAfter) {
            return issue(subject, keyPair(kind), purpose, alternatives, notBefore, notAfter);
        }

        private Issued issue(String subject, KeyPair pair, KeyPurposeId purpose, List<GeneralName> alternatives,
                             Instant notBefore, Instant notAfter) {
            try {
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                        Date.from(notBefore), Date.from(notAfter), new X500Name(subject), pair.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (!alternatives.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(GeneralName[]::new)));
                }
                return new Issued(pair, List.of(sign(builder, keys, KeyKind.RSA), certificate));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A certificate issued, with its key.
     *
     * @param chain the certificate, then its authority's
     */
    public record Issued(KeyPair keys, List<X509Certificate> chain) {

        /** The chain as PEM, the certificate first. */
        public String certificatePem() {
            return pem(chain.toArray());
        }

        /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
        public String privateKeyPem() {
            try {
                return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The private key as OpenSSL's traditional PEM writes it: {@code BEGIN RSA PRIVATE KEY} (PKCS#1), or
         * {@code BEGIN EC PRIVATE KEY} (SEC 1, with the curve and the public key inside, as {@code openssl ecparam
         * -genkey} writes it).
         */
        public String traditionalPrivateKeyPem() {
            if (!keys.getPrivate().getAlgorithm().equals("EC")) {
                return pem(keys.getPrivate());
            }
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(),
                        SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
                        info.getPrivateKeyAlgorithm().getParameters());
                return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The chain ({@link #certificatePem}) and key ({@link #privateKeyPem}) as PEM, handed to {@code pemPair}: a
         * webhook's client certificate is {@code issued.as(ClientCertificate::new)}.
         */
        public <T> T as(BiFunction<String, String, T> pemPair) {
            return pemPair.apply(certificatePem(), privateKeyPem());
        }

        /** The context of a server presenting this certificate, trusting the clients {@code clients} issued. */
        public SSLContext serverContext(Authority clients) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", keys.getPrivate(), PASSWORD, chain.toArray(X509Certificate[]::new));
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(store, PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), new javax.net.ssl.TrustManager[] {clients.trustManager()},
                        RANDOM);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair keyPair(KeyKind kind) {
        try {
            return switch (kind) {
                case RSA -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    yield generator.generateKeyPair();
                }
                case EC -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield generator.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer, KeyKind kind) {
        try {
            String algorithm = kind == KeyKind.RSA ? "SHA256withRSA" : kind == KeyKind.EC ? "SHA256withECDSA" : "Ed25519";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
