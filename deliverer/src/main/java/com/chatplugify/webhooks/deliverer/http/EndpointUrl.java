package com.chatplugify.webhooks.deliverer.http;

import java.net.URI;

/**
 * A URL the deliverer is asked to POST to (a webhook's endpoint, its token endpoint), checked: one whose scheme is not
 * delivered to, or that has no host, is refused before anything is sent. Its address is checked when it is resolved.
 *
 * @param uri     the URL; null when refused
 * @param refusal why it is refused; null when it may be used
 */
public record EndpointUrl(URI uri, String refusal) {

    /** {@code url} checked: https, or http when {@code allowHttp}, with a host. */
    public static EndpointUrl check(String url, boolean allowHttp) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new EndpointUrl(null, "invalid URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !(allowHttp && "http".equalsIgnoreCase(uri.getScheme()))) {
            return new EndpointUrl(null, "scheme '" + uri.getScheme() + "' refused; only https"
                    + (allowHttp ? " and http" : "") + " endpoints are delivered to");
        }
        if (uri.getHost() == null) {
            return new EndpointUrl(null, "invalid URL: no host in " + uri.getScheme() + " URL");
        }
        return new EndpointUrl(uri, null);
    }

    public boolean refused() {
        return refusal != null;
    }
}
