package com.chatplugify.webhooks.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which network addresses webhooks may be delivered to. Unless private addresses are allowed, loopback,
 * private (RFC 1918, IPv6 unique-local), link-local, CGNAT (100.64/10), cloud-metadata, multicast and unspecified
 * addresses are refused, so that a webhook URL cannot reach into our own network (SSRF).
 */
public final class AddressPolicy {

    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Why delivery to this address is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        return classify(address).map(kind -> address.getHostAddress() + " is a " + kind
                + " address; set delivery.allow-private-addresses=true to permit it");
    }

    /** The kind of non-public address this is (e.g. {@code loopback}), or empty for a public one. */
    public static Optional<String> classify(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isIpv4Mapped(bytes) || isIpv4Compatible(bytes) || isNat64(bytes)) {
                return classify(v4(bytes[12], bytes[13], bytes[14], bytes[15]));
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return Optional.of("private (unique local IPv6)");
            }
            if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && (bytes[3] & 0xff) == 0xb8) {
                return Optional.of("documentation");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of(isMetadata(address) ? "cloud-metadata" : "link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            int first = address.getAddress()[0] & 0xff;
            int second = address.getAddress()[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("CGNAT");
            }
            if (first == 192 && second == 0 && (address.getAddress()[2] & 0xff) == 0) {
                return Optional.of("IETF-reserved");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("benchmarking");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
        }
        if (isMetadata(address)) {
            return Optional.of("cloud-metadata");
        }
        return Optional.empty();
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

    private static boolean isMetadata(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            // 169.254.169.254 (AWS, GCP, Azure) and 100.100.100.200 (Alibaba)
            return ((bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254)
                    || ((bytes[0] & 0xff) == 100 && (bytes[1] & 0xff) == 100 && (bytes[2] & 0xff) == 100 && (bytes[3] & 0xff) == 200);
        }
        // fd00:ec2::254 (AWS IPv6)
        return bytes.length == 16 && (bytes[0] & 0xff) == 0xfd && bytes[1] == 0 && (bytes[2] & 0xff) == 0x0e
                && (bytes[3] & 0xff) == 0xc2;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
    }

    private static boolean isNat64(byte[] b) {
        // 64:ff9b::/96 embeds an IPv4 address in its last four bytes.
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0;
    }

    private static InetAddress v4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
