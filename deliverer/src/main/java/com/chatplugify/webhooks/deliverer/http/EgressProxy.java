package com.chatplugify.webhooks.deliverer.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.core5.http.HttpHost;

/**
 * The HTTP proxy every delivery leaves through ({@code delivery.proxy}), so that receivers see the proxy's known
 * addresses. Each request asks it to {@code CONNECT} to the address the deliverer resolved and checked itself, never
 * to a name the proxy would resolve, so the address guard holds through it; the proxy itself is the one hop the guard
 * allows, being the operator's.
 */
public record EgressProxy(String host, int port) {

    /** The proxy as httpclient5 connects to it, at {@code address} (resolved by the deliverer). */
    HttpHost at(InetAddress address) {
        return new HttpHost("http", address, host, port);
    }

    /**
     * The proxy {@code value} names ({@code http://host:port}), empty when it is blank.
     *
     * @throws IllegalArgumentException when it names none; the configuration's validator says why first
     */
    public static Optional<EgressProxy> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        URI uri = URI.create(value.trim());
        return Optional.of(new EgressProxy(uri.getHost(), uri.getPort()));
    }

    /** What is wrong with {@code value} as a proxy URL, if anything. */
    public static Optional<String> problem(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of("give the proxy as http://host:port (the deliverer speaks plain HTTP to the proxy and "
                    + "tunnels through it with CONNECT)");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            return Optional.of("give the proxy's host and port: http://host:port");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("proxy credentials are not supported: allow the deliverers' addresses on the proxy");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("give the proxy as http://host:port, without path or query");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port;
    }
}
