package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.tls.ClientKeyMaterial;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * How the HTTP client secures its connections: every server certificate is checked against the trusted authorities
 * and the endpoint's host name (httpclient5's default strategy), and a connection for a {@link TlsTarget} with a
 * client identity presents that identity's certificate, and no other.
 */
public final class DeliveryTls implements TlsStrategy {

    private final X509TrustManager trust;
    private final SecureRandom random = new SecureRandom();
    private final TlsStrategy anonymous;

    /** @param trust the authorities server certificates must chain to */
    public DeliveryTls(X509TrustManager trust) {
        this.trust = trust;
        this.anonymous = strategy(null);
    }

    /** The JVM's trusted authorities ({@code cacerts}, or what {@code javax.net.ssl.trustStore} names). */
    public static X509TrustManager jvmTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JVM has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's trust store cannot be read", e);
        }
    }

    /** The TLS set-up of connections that present {@code material}. */
    TlsStrategy presenting(ClientKeyMaterial material) {
        return strategy(new ClientKeyManager(material));
    }

    @Override
    public void upgrade(TransportSecurityLayer sessionLayer, NamedEndpoint endpoint, Object attachment,
                        Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
        TlsStrategy chosen = endpoint instanceof TlsTarget target && target.identity() != null
                ? target.identity().tls() : anonymous;
        chosen.upgrade(sessionLayer, endpoint, attachment, handshakeTimeout, callback);
    }

    /** Never called by httpclient5 5.2 and later, which call the method above. */
    @Override
    @Deprecated
    public boolean upgrade(TransportSecurityLayer sessionLayer, HttpHost host, SocketAddress localAddress,
                           SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
        throw new UnsupportedOperationException("a TLS upgrade needs its endpoint's name");
    }

    private TlsStrategy strategy(KeyManager keyManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManager == null ? null : new KeyManager[] {keyManager}, new TrustManager[] {trust}, random);
            // The verifier must be given: without one, httpclient5 5.5's builder leaves the check to JSSE's endpoint
            // identification, which its async strategy sets only after handing the parameters to the engine, so no
            // host name would be checked at all.
            return ClientTlsStrategyBuilder.create().setSslContext(context)
                    .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier()).buildAsync();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}
