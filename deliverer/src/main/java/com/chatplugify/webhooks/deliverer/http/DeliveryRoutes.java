package com.chatplugify.webhooks.deliverer.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo.LayerType;
import org.apache.hc.client5.http.RouteInfo.TunnelType;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The routes requests take, planned by {@link WebhookHttpClient} before it sends them and handed to httpclient5 in
 * the request's context. A route goes to the address the deliverer resolved and checked (named by that address, so
 * that a proxy is asked to {@code CONNECT} to it and never to a name it would resolve itself), with its
 * {@link TlsTarget} as target name: the host TLS verifies, the client identity presented and the webhook served.
 * Routes, and so pooled connections, are the same only for the same webhook, address, host, identity and proxy.
 *
 * <p>The webhook is part of the route because a connection cannot be known to be clean after a response: a receiver
 * that sends bytes beyond its response's {@code Content-Length} leaves them in the connection's buffer, where
 * httpcore5 keeps them without saying so, and the next response read there is parsed behind them. Pooled per
 * webhook, that connection fails only its own webhook's next attempt; the bytes never reach another webhook's
 * attempt history, and another webhook's receiver is never made to answer twice for it.
 */
final class DeliveryRoutes implements HttpRoutePlanner {

    /** The context attribute that holds a request's route. */
    static final String ROUTE = "chatplugify.route";

    /**
     * The route to {@code url}'s endpoint at {@code address}.
     *
     * @param webhookId the webhook the request is made for
     * @param identity  the client certificate to present; null for none
     * @param proxy     the proxy to tunnel through; null to connect directly
     */
    static HttpRoute route(URI url, InetAddress address, String webhookId, ClientIdentity identity, HttpHost proxy) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https");
        int port = url.getPort() > 0 ? url.getPort() : secure ? 443 : 80;
        HttpHost target = new HttpHost(scheme, address, address.getHostAddress(), port);
        String host = url.getHost();
        TlsTarget name = new TlsTarget(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port,
                webhookId, identity);
        if (proxy == null) {
            return new HttpRoute(target, name, null, secure);
        }
        // Plain http is tunnelled too: a proxied absolute-URI request would have the proxy resolve the host.
        return new HttpRoute(target, name, null, new HttpHost[] {proxy}, secure, TunnelType.TUNNELLED,
                secure ? LayerType.LAYERED : LayerType.PLAIN);
    }

    @Override
    public HttpRoute determineRoute(HttpHost target, HttpContext context) throws HttpException {
        Object route = context == null ? null : context.getAttribute(ROUTE);
        if (route instanceof HttpRoute planned) {
            return planned;
        }
        throw new HttpException("no route planned for " + target + ": requests go through WebhookHttpClient.send");
    }
}
