package com.chatplugify.webhooks.common.net;

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
            return Optional.of("the URL has no host");
        }
        int port = url.getPort();
        if (port != -1 && (port < MIN_PORT || port > MAX_PORT)) {
            return Optional.of("port " + port + " does not exist: ports run from " + MIN_PORT + " to " + MAX_PORT);
        }
        if (url.getUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed; use a custom Authorization header");
        }
        if (AddressPolicy.isIpLiteral(host)) {
            try {
                return addresses.refusal(InetAddress.getByName(
                        host.startsWith("[") ? host.substring(1, host.length() - 1) : host));
            } catch (UnknownHostException e) {
                return Optional.of("not a valid IP address: " + host);
            }
        }
        return Optional.empty();
    }
}
