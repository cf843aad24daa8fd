package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.net.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The SSRF guard: resolves a host and keeps only the addresses the {@link AddressPolicy} allows. The connector
 * connects to exactly what this returns, so the check holds for the address actually connected to and a DNS
 * answer that changes between check and connect (rebinding) cannot get around it. IP literals pass through here
 * too.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final DnsResolver delegate;
    private final AddressPolicy policy;

    public GuardedDnsResolver(AddressPolicy policy) {
        this(SystemDefaultDnsResolver.INSTANCE, policy);
    }

    GuardedDnsResolver(DnsResolver delegate, AddressPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] resolved = delegate.resolve(host);
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> allowed = new ArrayList<>(resolved.length);
        for (InetAddress address : resolved) {
            if (policy.allows(address)) {
                allowed.add(address);
            }
        }
        if (allowed.isEmpty()) {
            // Never the address: the message reaches the webhook's owner (dead letters, attempt history), and which
            // internal address a name points at is none of their business.
            throw new RefusedAddressException("address refused: " + host + " resolves to " + AddressPolicy.REFUSED
                    + " (set delivery.allow-private-addresses=true to permit it)");
        }
        return allowed.toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }
}
