package com.chatplugify.webhooks.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.net.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

class GuardedDnsResolverTest {

    private static final DnsResolver FAKE_DNS = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return switch (host) {
                case "mixed.example" -> new InetAddress[] {ip("10.0.0.7"), ip("93.184.216.34")};
                case "internal.example" -> new InetAddress[] {ip("169.254.169.254")};
                case "nat64.example" -> new InetAddress[] {ip("64:ff9b::a00:7"), ip("2002:a00:7::1"), ip("2001:db8::1")};
                default -> InetAddress.getAllByName(host);
            };
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    private final GuardedDnsResolver guarded = new GuardedDnsResolver(FAKE_DNS, new AddressPolicy(false));

    @Test
    void shouldKeepOnlyAllowedAddresses() throws Exception {
        assertThat(guarded.resolve("mixed.example")).containsExactly(ip("93.184.216.34"));
    }

    @Test
    void shouldRefuseAHostWithOnlyForbiddenAddresses() {
        assertThatThrownBy(() -> guarded.resolve("internal.example"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("internal.example").hasMessageContaining("resolves to a private or reserved address")
                .hasMessageNotContaining("169.254");
        assertThatThrownBy(() -> guarded.resolve("127.0.0.1")).isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void shouldNeverSayWhichAddressANameResolvedTo() {
        assertThatThrownBy(() -> guarded.resolve("nat64.example"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("address refused: nat64.example resolves to a private or reserved address "
                        + "(set delivery.allow-private-addresses=true to permit it)");
    }

    @Test
    void shouldAllowEverythingWhenPrivateAddressesArePermitted() throws Exception {
        GuardedDnsResolver open = new GuardedDnsResolver(FAKE_DNS, new AddressPolicy(true));

        assertThat(open.resolve("internal.example")).containsExactly(ip("169.254.169.254"));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
