package com.chatplugify.webhooks.common.model;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** How records that hold secrets show them in {@code toString()}, and so in logs and test failures: not at all. */
public final class Redaction {

    /** What stands for a secret value. */
    public static final String MASK = "********";

    private Redaction() {
    }

    /** {@link #MASK} for a value, {@code null} for none. */
    public static String mask(String value) {
        return value == null ? null : MASK;
    }

    /** The header names, each value masked. */
    public static Map<String, String> names(Map<String, String> headers) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (headers != null) {
            headers.keySet().forEach(name -> masked.put(name, MASK));
        }
        return masked;
    }

    /** A URL's scheme, host and port: its path and query may hold a token. */
    public static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "(a URL without host)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/...";
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }
}
