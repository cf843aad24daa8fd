package com.chatplugify.webhooks.common.net;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs webhooks may have, the one rule the API applies when a webhook is written and the deliverer again
 * before each attempt (a record may predate the settings, or come from another writer): an https URL, or http when
 * {@code delivery.allow-http} is set; a host; a port, if given, from 1 to 65535; no credentials; and a host that is
 * an IP literal in a range the {@link AddressPolicy} allows. Names are judged by the deliverer's resolver, at connect
 * time, by the same policy.
 */
public final class WebhookUrlPolicy {

    private static final int MIN_PORT = 1;
    private static final int MAX_PORT = 65_535;

    private final boolean allowHttp;
    private final AddressPolicy addresses;

    public WebhookUrlPolicy(boolean allowHttp, AddressPolicy addresses) {
        this.allowHttp = allowHttp;
        this.addresses = addresses;
    }

    /** Why webhooks may not have {@code url}, or empty when they may. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            String refused = url.getScheme() == null ? "a URL without a scheme" : "scheme '" + url.getScheme() + "'";
            return Optional.of(refused + " refused: " + (allowHttp
                    ? "the URL must start with https:// or http://"
                    : "the URL must start with https:// (plain http is refused unless delivery.allow-http=true)"));
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of(unreadableHost(url.getRawAuthority()));
        }
        int port = url.getPort();
        if (port != -1 && (port < MIN_PORT || port > MAX_PORT)) {
            return Optional.of("port " + port + " does not exist: ports run from " + MIN_PORT + " to " + MAX_PORT);
        }
        if (url.getUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed; use a custom Authorization header");
        }
        if (AddressPolicy.isIpLiteral(host)) {
            if (host.contains("%")) {
                return Optional.of("an IPv6 address with a zone (" + host.substring(host.indexOf('%'), host.length() - 1)
                        + ") is not supported: a zone names a network interface of one machine; give the address alone");
            }
            try {
                return addresses.refusal(InetAddress.getByName(
                        host.startsWith("[") ? host.substring(1, host.length() - 1) : host));
            } catch (UnknownHostException e) {
                return Optional.of("not a valid IP address: " + host);
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@link URI} found no host in {@code authority}. It reads a host as a DNS name of ASCII letters, digits, dots
     * and hyphens only: other names (an IDN such as {@code bücher.example}, a name with {@code _}) leave it without
     * one. They are refused, not converted, so that what the deliverer connects to is what the webhook says.
     */
    private static String unreadableHost(String authority) {
        if (authority == null || authority.isEmpty()) {
            return "the URL has no host";
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
        if (!host.chars().allMatch(c -> c < 0x80)) {
            return "the host '" + host + "' must be ASCII: give its punycode form" + punycode(host).map(ascii -> ", "
                    + ascii).orElse(" (xn--...)");
        }
        if (host.contains("_")) {
            return "the host '" + host + "' holds an underscore ('_'), which a URL's host name may not; use a name "
                    + "of letters, digits, dots and hyphens";
        }
        return "the host '" + host + "' is not a valid host name: letters, digits, dots and hyphens, or an IP address";
    }

    private static Optional<String> punycode(String host) {
        try {
            return Optional.of(IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
