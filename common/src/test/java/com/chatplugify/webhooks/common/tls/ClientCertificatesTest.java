package com.chatplugify.webhooks.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Authority;
import com.chatplugify.webhooks.testing.tls.TestCertificates.Issued;
import com.chatplugify.webhooks.testing.tls.TestCertificates.KeyKind;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClientCertificatesTest {

    private static final Authority AUTHORITY = TestCertificates.authority("Client CA");
    private static final Issued RSA = AUTHORITY.client("client-rsa", KeyKind.RSA);
    private static final Issued EC = AUTHORITY.client("client-ec", KeyKind.EC);

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void shouldReadAChainAndItsPkcs8Key(KeyKind kind) {
        Issued issued = AUTHORITY.client("client-" + kind, kind);

        ClientCertificates.Reading reading = ClientCertificates.read(issued.as(ClientCertificate::new), Instant.now());

        assertThat(reading.violations()).isEmpty();
        assertThat(reading.material().chain()).containsExactlyElementsOf(issued.chain());
        assertThat(reading.material().privateKey().getEncoded()).isEqualTo(issued.keys().getPrivate().getEncoded());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "EC"})
    void shouldReadOpenSslTraditionalKeys(KeyKind kind) {
        Issued issued = AUTHORITY.client("client-" + kind, kind);
        assertThat(issued.traditionalPrivateKeyPem()).contains("BEGIN " + kind + " PRIVATE KEY");

        ClientCertificates.Reading reading = ClientCertificates.read(
                new ClientCertificate(issued.certificatePem(), issued.traditionalPrivateKeyPem()), Instant.now());

        // Reading checks the key against the certificate: no violation, the same key.
        assertThat(reading.violations()).isEmpty();
        assertThat(reading.material().privateKey().getAlgorithm()).isEqualTo(issued.keys().getPrivate().getAlgorithm());
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheCertificates() {
        List<Violation> violations = violations(RSA.certificatePem(), AUTHORITY.client("other", KeyKind.RSA).privateKeyPem());

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo(ClientCertificates.PRIVATE_KEY_FIELD);
            assertThat(violation.message()).contains("is not the private key of the certificate");
        });
    }

    @Test
    void shouldRefuseAKeyOfAnotherKind() {
        assertThat(violations(RSA.certificatePem(), EC.privateKeyPem())).extracting(Violation::field)
                .containsExactly(ClientCertificates.PRIVATE_KEY_FIELD);
    }

    @Test
    void shouldNameEachFieldThatIsNotPem() {
        List<Violation> violations = violations("not a certificate", "not a key");

        assertThat(violations).extracting(Violation::field)
                .containsExactly(ClientCertificates.CERTIFICATE_FIELD, ClientCertificates.PRIVATE_KEY_FIELD);
        assertThat(violations.get(0).message()).contains("no PEM certificate");
        assertThat(violations.get(1).message()).contains("no PEM private key");
    }

    @Test
    void shouldRefuseCorruptPem() {
        String corrupt = RSA.certificatePem().replace("M", "!");

        assertThat(violations(corrupt, RSA.privateKeyPem())).extracting(Violation::field)
                .containsExactly(ClientCertificates.CERTIFICATE_FIELD);
        assertThat(violations(RSA.certificatePem(), RSA.privateKeyPem().replace("M", "!")))
                .extracting(Violation::field).containsExactly(ClientCertificates.PRIVATE_KEY_FIELD);
    }

    @Test
    void shouldRefuseKeyAndCertificateSwapped() {
        List<Violation> violations = violations(RSA.privateKeyPem(), RSA.certificatePem());

        assertThat(violations).extracting(Violation::message).containsExactly(
                "the client certificate holds something other than certificates (a private key); the private key goes "
                        + "in clientCertificate.privateKey",
                "the private key holds a certificate, not a private key");
    }

    @Test
    void shouldRefuseAnExpiredOrNotYetValidCertificate() {
        Instant now = Instant.now();
        Issued expired = AUTHORITY.client("expired", KeyKind.EC, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        Issued early = AUTHORITY.client("early", KeyKind.EC, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));

        assertThat(violations(expired.certificatePem(), expired.privateKeyPem())).extracting(Violation::message)
                .singleElement().asString().contains("expired at");
        assertThat(violations(early.certificatePem(), early.privateKeyPem())).extracting(Violation::message)
                .singleElement().asString().contains("is not valid before");
    }

    @Test
    void shouldRefuseAnEncryptedKey() throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(RSA.keys().getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()).setPassword("pass".toCharArray())
                    .build()));
        }

        assertThat(violations(RSA.certificatePem(), text.toString())).extracting(Violation::message)
                .singleElement().asString().contains("is encrypted");
    }

    @Test
    void shouldNeverQuoteTheKeyInAProblem() {
        String key = RSA.privateKeyPem();
        String body = key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        for (String broken : List.of(key.replace("M", "!"), key + key, key.substring(0, key.length() / 2))) {
            assertThat(violations(RSA.certificatePem(), broken)).extracting(Violation::message)
                    .allSatisfy(message -> assertThat(message).doesNotContain(body.substring(0, 16)));
        }
    }

    @Test
    void shouldRequireBothParts() {
        assertThat(violations(null, " ")).extracting(Violation::reason, Violation::field).containsExactly(
                tuple(Violation.MISSING_FIELD, ClientCertificates.CERTIFICATE_FIELD),
                tuple(Violation.MISSING_FIELD, ClientCertificates.PRIVATE_KEY_FIELD));
    }

    @Test
    void shouldShowNoKeyInItsText() {
        ClientCertificates.Reading reading = ClientCertificates.read(RSA.as(ClientCertificate::new), Instant.now());

        assertThat(reading.material().toString()).contains("CN=client-rsa").contains("********")
                .doesNotContain(RSA.privateKeyPem().substring(40, 60));
        assertThat(RSA.as(ClientCertificate::new).toString()).doesNotContain("BEGIN");
    }

    private static List<Violation> violations(String certificate, String key) {
        return ClientCertificates.read(new ClientCertificate(certificate, key), Instant.now()).violations();
    }
}
