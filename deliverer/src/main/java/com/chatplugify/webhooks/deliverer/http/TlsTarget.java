package com.chatplugify.webhooks.deliverer.http;

import java.util.Objects;
import org.apache.hc.core5.net.NamedEndpoint;

/**
 * The endpoint a connection is for: the host name the server's certificate is checked against and sent as SNI, the
 * client certificate presented, if any, and the webhook whose requests it carries. It is the "target name" of every
 * route the client plans ({@link DeliveryRoutes}), so routes, and with them pooled connections, differ by webhook and
 * by client identity: a connection never carries one webhook's request after another's, even to the same server.
 *
 * @param hostName  the URL's host, an IPv6 literal without brackets
 * @param webhookId the webhook whose requests (deliveries and token requests) the connection carries
 * @param identity  the client certificate presented; null for none
 */
public record TlsTarget(String hostName, int port, String webhookId, ClientIdentity identity) implements NamedEndpoint {

    public TlsTarget {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(webhookId, "webhookId");
    }

    @Override
    public String getHostName() {
        return hostName;
    }

    @Override
    public int getPort() {
        return port;
    }
}
