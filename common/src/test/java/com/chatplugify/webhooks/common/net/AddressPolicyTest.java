package com.chatplugify.webhooks.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy(false);

    /** Each special-purpose block inside and at its edges, and the addresses just outside, decided by hand. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "0.0.0.0, refused", "0.255.255.255, refused", "1.0.0.0, allowed",
        "9.255.255.255, allowed", "10.0.0.0, refused", "10.255.255.255, refused", "11.0.0.0, allowed",
        "100.63.255.255, allowed", "100.64.0.0, refused", "100.100.100.200, refused", "100.127.255.255, refused",
        "100.128.0.0, allowed",
        "126.255.255.255, allowed", "127.0.0.0, refused", "127.0.0.1, refused", "127.255.255.255, refused",
        "128.0.0.0, allowed",
        "169.253.255.255, allowed", "169.254.0.0, refused", "169.254.169.254, refused", "169.254.255.255, refused",
        "169.255.0.0, allowed",
        "172.15.255.255, allowed", "172.16.0.0, refused", "172.31.255.255, refused", "172.32.0.0, allowed",
        "191.255.255.255, allowed", "192.0.0.0, refused", "192.0.0.7, refused", "192.0.0.8, refused",
        "192.0.0.9, allowed", "192.0.0.10, allowed", "192.0.0.11, refused", "192.0.0.170, refused",
        "192.0.0.171, refused", "192.0.0.255, refused", "192.0.1.0, allowed",
        "192.0.2.0, refused", "192.0.2.255, refused", "192.0.3.0, allowed",
        "192.31.196.0, allowed", "192.31.196.255, allowed", "192.52.193.0, allowed", "192.175.48.255, allowed",
        "192.88.98.255, allowed", "192.88.99.0, refused", "192.88.99.2, refused", "192.88.99.255, refused",
        "192.88.100.0, allowed",
        "192.167.255.255, allowed", "192.168.0.0, refused", "192.168.255.255, refused", "192.169.0.0, allowed",
        "198.17.255.255, allowed", "198.18.0.0, refused", "198.19.255.255, refused", "198.20.0.0, allowed",
        "198.51.99.255, allowed", "198.51.100.0, refused", "198.51.100.255, refused", "198.51.101.0, allowed",
        "203.0.112.255, allowed", "203.0.113.0, refused", "203.0.113.255, refused", "203.0.114.0, allowed",
        "223.255.255.255, allowed", "224.0.0.0, refused", "239.255.255.255, refused", "240.0.0.0, refused",
        "255.255.255.254, refused", "255.255.255.255, refused",
        "8.8.8.8, allowed", "93.184.216.34, allowed",
        // IPv6
        "::, refused", "::1, refused", "::2, refused", "::a00:1, refused", "::7f00:1, refused", "::808:808, allowed",
        "::ffff:10.0.0.1, refused", "::ffff:127.0.0.1, refused", "::ffff:169.254.169.254, refused",
        "::ffff:8.8.8.8, allowed",
        "::ffff:0:7f00:1, refused", "::ffff:0:a00:1, refused", "::ffff:0:a9fe:a9fe, refused", "::ffff:0:808:808, allowed",
        "64:ff9b::, refused", "64:ff9b::a00:1, refused", "64:ff9b::7f00:1, refused", "64:ff9b::a9fe:a9fe, refused",
        "64:ff9b::808:808, allowed", "64:ff9b::ffff:ffff, refused",
        "64:ff9b:1::, refused", "64:ff9b:1::808:808, refused", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff, refused",
        "100::, refused", "100::ffff:ffff:ffff:ffff, refused", "100:0:0:1::, refused",
        "100:0:0:1:ffff:ffff:ffff:ffff, refused", "100:0:0:2::, allowed",
        "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff, allowed",
        "2001::, refused", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff, refused", "2001:0:4136:e378:8000:63bf:3fff:fdd2, refused",
        "2001:1::, refused", "2001:1::1, allowed", "2001:1::2, allowed", "2001:1::3, allowed", "2001:1::4, refused",
        "2001:2::, refused", "2001:2:0:ffff:ffff:ffff:ffff:ffff, refused", "2001:2:1::, refused",
        "2001:3::, allowed", "2001:3:ffff:ffff:ffff:ffff:ffff:ffff, allowed",
        "2001:4:112::, allowed", "2001:4:112:ffff:ffff:ffff:ffff:ffff, allowed", "2001:4:113::, refused",
        "2001:10::, refused", "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff, refused",
        "2001:20::, allowed", "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff, allowed",
        "2001:30::, allowed", "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff, allowed", "2001:40::, refused",
        "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff, refused", "2001:200::, allowed",
        "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, allowed", "2001:db8::, refused",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, refused", "2001:db9::, allowed",
        "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff, allowed", "2002::, refused", "2002:a00:1::1, refused",
        "2002:808:808::1, refused", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff, refused", "2003::, allowed",
        "2620:4f:8000::, allowed", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff, allowed",
        "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff, allowed", "3fff::, refused",
        "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff, refused", "3fff:1000::, allowed",
        "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, allowed", "5f00::, refused",
        "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff, refused", "5f01::, allowed",
        "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, allowed", "fc00::, refused", "fd00:ec2::254, refused",
        "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, refused",
        "fe80::, refused", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, refused", "fec0::, refused",
        "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, refused", "ff00::, refused", "ff02::1, refused",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, refused",
        "2606:4700:4700::1111, allowed", "2a00:1450:4001:80b::200e, allowed"
    })
    void shouldDecideEachBlockInsideAndAtItsEdges(String address, String decision) {
        assertThat(policy.allows(ip(address))).as(address).isEqualTo(decision.equals("allowed"));
        assertThat(new AddressPolicy(true).allows(ip(address))).isTrue();
    }

    @Test
    void shouldReadEveryEntryOfBothRegistries() {
        List<SpecialPurposeRegistry.Entry> entries = SpecialPurposeRegistry.iana().entries();

        assertThat(entries.stream().filter(e -> e.block().isIpv4())).hasSize(26);
        assertThat(entries.stream().filter(e -> !e.block().isIpv4())).hasSize(25);
        assertThat(entries).filteredOn(SpecialPurposeRegistry.Entry::globallyReachable).extracting(e -> e.block().toString())
                .containsExactlyInAnyOrder("192.0.0.9/32", "192.0.0.10/32", "192.31.196.0/24", "192.52.193.0/24",
                        "192.175.48.0/24", "64:ff9b:0:0:0:0:0:0/96", "2001:1:0:0:0:0:0:1/128", "2001:1:0:0:0:0:0:2/128",
                        "2001:1:0:0:0:0:0:3/128", "2001:3:0:0:0:0:0:0/32", "2001:4:112:0:0:0:0:0/48",
                        "2001:20:0:0:0:0:0:0/28", "2001:30:0:0:0:0:0:0/28", "2620:4f:8000:0:0:0:0:0/48");
    }

    static Stream<Arguments> registryEdges() {
        List<Arguments> edges = new ArrayList<>();
        for (SpecialPurposeRegistry.Entry entry : SpecialPurposeRegistry.iana().entries()) {
            edges.add(Arguments.of(entry, entry.block().first()));
            edges.add(Arguments.of(entry, entry.block().last()));
        }
        return edges.stream();
    }

    /**
     * Every block of the registries at both ends: refused unless the registry calls the most specific block there
     * globally reachable. (IPv4-mapped addresses reach us as IPv4 addresses, so that block is judged as those are.)
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("registryEdges")
    void shouldFollowTheRegistryAtBothEndsOfEveryBlock(SpecialPurposeRegistry.Entry entry, InetAddress address) {
        if (address.getAddress().length != (entry.block().isIpv4() ? 4 : 16)) {
            assertThat(entry.name()).isEqualTo("IPv4-mapped Address");
            return;
        }
        SpecialPurposeRegistry.Entry decisive = SpecialPurposeRegistry.iana().lookup(address).orElseThrow();
        assertThat(decisive.block().prefixLength()).isGreaterThanOrEqualTo(entry.block().prefixLength());
        if (!decisive.name().startsWith("IPv4-IPv6 Translat.") || decisive.block().prefixLength() != 96) {
            assertThat(policy.allows(address)).as(address.getHostAddress()).isEqualTo(decisive.globallyReachable());
        }
    }

    @Test
    void shouldNameTheRangeOfALiteralWithoutQuotingTheAddress() {
        assertThat(policy.refusal(ip("10.1.2.3"))).get().asString()
                .contains("Private-Use (RFC1918)").contains("delivery.allow-private-addresses").doesNotContain("10.1.2.3");
        assertThat(policy.refusal(ip("8.8.8.8"))).isEmpty();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
