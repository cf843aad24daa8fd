package com.chatplugify.webhooks.deliverer.http;

import org.apache.hc.core5.net.NamedEndpoint;

/**
 * The endpoint a connection's TLS session is for: the host name the server's certificate is checked against and sent
 * as SNI, and the client certificate presented, if any. It is the "target name" of every route the client plans
 * ({@link DeliveryRoutes}), so routes, and with them pooled connections, differ by client identity.
 *
 * @param hostName the URL's host, an IPv6 literal without brackets
 * @param identity the client certificate presented; null for none
 */
public record TlsTarget(String hostName, int port, ClientIdentity identity) implements NamedEndpoint {

    @Override
    public String getHostName() {
        return hostName;
    }

    @Override
    public int getPort() {
        return port;
    }
}
