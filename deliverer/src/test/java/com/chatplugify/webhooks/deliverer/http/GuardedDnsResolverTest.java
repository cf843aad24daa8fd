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
                .hasMessageContaining("internal.example").hasMessageContaining("cloud-metadata");
        assertThatThrownBy(() -> guarded.resolve("127.0.0.1")).isInstanceOf(RefusedAddressException.class);
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
