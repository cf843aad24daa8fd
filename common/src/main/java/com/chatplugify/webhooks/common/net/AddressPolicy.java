package com.chatplugify.webhooks.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which network addresses webhooks may be delivered to, so that a webhook URL cannot reach into our own network
 * (SSRF). Unless private addresses are allowed, an address is refused when the most specific entry of the IANA
 * special-purpose registries containing it is not globally reachable ({@link SpecialPurposeRegistry}: loopback,
 * private use, shared (CGNAT) space, link local and with it the cloud-metadata addresses, documentation, benchmarking,
 * 6to4, Teredo, local-use NAT64, unique local, ...), and also when it is multicast or IPv6 site-local (deprecated, not
 * in those registries). Addresses that embed an IPv4 address are judged by it: IPv4-mapped ({@code ::ffff:a.b.c.d},
 * which the JDK already turns into its IPv4 address), IPv4-compatible ({@code ::a.b.c.d}), IPv4-translated
 * ({@code ::ffff:0:a.b.c.d}, RFC 2765, which a stateless translator on the path would take to that IPv4 address) and
 * the well-known NAT64 prefix {@code 64:ff9b::/96}. The last is globally reachable in the registry and must stay
 * usable, as it is how an IPv6-only deliverer behind DNS64 reaches IPv4-only endpoints, but only for the public IPv4
 * addresses it embeds.
 */
public final class AddressPolicy {

    /** What refusals say: never the address itself, which may be an internal one a name resolved to. */
    public static final String REFUSED = "a private or reserved address";

    private static final AddressBlock NAT64_WELL_KNOWN = AddressBlock.parse("64:ff9b::/96");
    private static final AddressBlock IPV4_COMPATIBLE = AddressBlock.parse("::/96");
    private static final AddressBlock IPV4_TRANSLATED = AddressBlock.parse("::ffff:0:0:0/96");
    private static final List<SpecialPurposeRegistry.Entry> BEYOND_THE_REGISTRIES = List.of(
            new SpecialPurposeRegistry.Entry(AddressBlock.parse("224.0.0.0/4"), "Multicast", "RFC5771", false),
            new SpecialPurposeRegistry.Entry(AddressBlock.parse("ff00::/8"), "Multicast", "RFC4291", false),
            new SpecialPurposeRegistry.Entry(AddressBlock.parse("fec0::/10"), "Site-Local (deprecated)", "RFC3879", false));

    private final boolean allowPrivate;
    private final SpecialPurposeRegistry registry;

    public AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, SpecialPurposeRegistry.iana());
    }

    AddressPolicy(boolean allowPrivate, SpecialPurposeRegistry registry) {
        this.allowPrivate = allowPrivate;
        this.registry = registry;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Why delivery to this address is refused, or empty when it is allowed. The reason names the range, for a URL
     * whose host is this very address; the deliverer, resolving names, says only {@link #REFUSED}.
     */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        return reservedRange(address).map(range -> "the address is in a range deliveries may not reach: "
                + range.describe() + "; set delivery.allow-private-addresses=true to permit it");
    }

    /** Whether delivery to this address is allowed. */
    public boolean allows(InetAddress address) {
        return allowPrivate || reservedRange(address).isEmpty();
    }

    /** The range that makes {@code address} one not to deliver to, whatever the setting, or empty for a public one. */
    public Optional<SpecialPurposeRegistry.Entry> reservedRange(InetAddress address) {
        if (address instanceof Inet6Address && !address.isLoopbackAddress() && !address.isAnyLocalAddress()
                && (NAT64_WELL_KNOWN.contains(address) || IPV4_COMPATIBLE.contains(address)
                || IPV4_TRANSLATED.contains(address))) {
            return reservedRange(embeddedIpv4(address.getAddress()));
        }
        for (SpecialPurposeRegistry.Entry extra : BEYOND_THE_REGISTRIES) {
            if (extra.block().contains(address)) {
                return Optional.of(extra);
            }
        }
        return registry.lookup(address).filter(entry -> !entry.globallyReachable());
    }

    /** Whether a URL host is an IP literal rather than a name ({@code [::1]} or {@code 10.0.0.1}). */
    public static boolean isIpLiteral(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    private static Inet4Address embeddedIpv4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
