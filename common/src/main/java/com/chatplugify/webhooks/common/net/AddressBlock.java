package com.chatplugify.webhooks.common.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A CIDR block of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
public final class AddressBlock {

    private final byte[] network;
    private final int prefixLength;

    private AddressBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException when {@code cidr} is not an address literal with a fitting prefix length */
    public static AddressBlock parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR block: " + cidr);
        }
        byte[] address = literal(cidr.substring(0, slash).trim());
        int length;
        try {
            length = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in " + cidr);
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        if (!Arrays.equals(mask(address, length), address)) {
            throw new IllegalArgumentException("host bits set in " + cidr);
        }
        return new AddressBlock(address, length);
    }

    /** Whether {@code address} lies in this block; an IPv4 address is never in an IPv6 block, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The first address of the block. */
    public InetAddress first() {
        return address(network);
    }

    /** The last address of the block. */
    public InetAddress last() {
        BigInteger hostBits = BigInteger.ONE.shiftLeft(network.length * 8 - prefixLength).subtract(BigInteger.ONE);
        return address(toBytes(new BigInteger(1, network).or(hostBits), network.length));
    }

    /** The address {@code steps} after (or, negative, before) {@code address}, or null past either end of the space. */
    public static InetAddress offset(InetAddress address, long steps) {
        byte[] bytes = address.getAddress();
        BigInteger moved = new BigInteger(1, bytes).add(BigInteger.valueOf(steps));
        if (moved.signum() < 0 || moved.bitLength() > bytes.length * 8) {
            return null;
        }
        return address(toBytes(moved, bytes.length));
    }

    @Override
    public String toString() {
        return first().getHostAddress() + "/" + prefixLength;
    }

    private static byte[] mask(byte[] address, int length) {
        byte[] masked = address.clone();
        for (int bit = length; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static byte[] literal(String text) {
        if (text.isEmpty() || !(text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address literal: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            // The JDK turns an IPv4-mapped literal into its IPv4 address; a block written in IPv6 stays IPv6.
            return text.indexOf(':') >= 0 && bytes.length == 4 ? mappedIpv6(bytes) : bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + text, e);
        }
    }

    private static byte[] mappedIpv6(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }

    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
