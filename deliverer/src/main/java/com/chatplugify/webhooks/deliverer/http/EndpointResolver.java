package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsCacheEntry;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Resolves endpoints' host names without blocking any thread: queries are sent and answered on one event loop of
 * their own (Netty's DNS resolver, which reads {@code /etc/resolv.conf} and {@code /etc/hosts} as the system does,
 * and caches answers for their TTL), so a name server that drops an endpoint's queries costs that endpoint's
 * attempts their deadline, and nothing else.
 *
 * <p>It is also the SSRF guard: of the addresses a name resolves to it keeps the first the {@link AddressPolicy}
 * allows, and the HTTP client connects to exactly that address, so a DNS answer that changes between check and
 * connect (rebinding) cannot get around it. IP literals pass through the same check.
 */
public final class EndpointResolver implements AutoCloseable {

    /**
     * A query outlives the attempt that asked by this much: the attempt's deadline (on a timing wheel of 10 ms ticks)
     * then ends an attempt whose name never resolves, saying so, rather than the resolver's own timeout.
     */
    static final Duration QUERY_GRACE = Duration.ofMillis(100);

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, DaemonThreads.named("endpoint-dns"),
            NioIoHandler.newFactory());
    private final DnsNameResolver resolver;
    private final AddressPolicy policy;

    /**
     * @param nameServers  the servers to ask, in order; empty for the system's
     * @param queryTimeout how long one query may take before the next server, or failure ({@link #QUERY_GRACE} more)
     */
    public EndpointResolver(AddressPolicy policy, List<InetSocketAddress> nameServers, Duration queryTimeout) {
        this.policy = policy;
        DnsServerAddressStreamProvider servers = nameServers.isEmpty()
                ? DnsServerAddressStreamProviders.platformDefault()
                : new SequentialDnsServerAddressStreamProvider(nameServers.toArray(InetSocketAddress[]::new));
        this.resolver = new DnsNameResolverBuilder(loop.next())
                .datagramChannelType(NioDatagramChannel.class)
                // Answers too long for UDP are asked again over TCP.
                .socketChannelType(NioSocketChannel.class)
                .nameServerProvider(servers)
                .queryTimeoutMillis(queryTimeout.plus(QUERY_GRACE).toMillis())
                .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED)
                .build();
    }

    /**
     * The address to connect to for {@code host} (a name, an IPv4 literal or a bracketed IPv6 literal); fails with an
     * {@link UnknownHostException}, or a {@link RefusedAddressException} when every address it has is refused.
     */
    public CompletableFuture<InetAddress> resolve(String host) {
        return resolve(host, true);
    }

    /**
     * The address of a host the operator configured (the egress proxy), which the address guard does not judge: it
     * is expected to be a private one.
     */
    public CompletableFuture<InetAddress> resolveConfigured(String host) {
        return resolve(host, false);
    }

    private CompletableFuture<InetAddress> resolve(String host, boolean guarded) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Literals and cached answers are decided on the caller's thread: the hop to the resolver's event loop and
        // back cost 4 % of the deliverer's CPU in the bench, whose endpoints are all literals.
        List<InetAddress> known = known(name);
        if (!known.isEmpty()) {
            return choose(name, known, guarded);
        }
        CompletableFuture<InetAddress> result = new CompletableFuture<>();
        resolver.resolveAll(name).addListener(done -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                result.completeExceptionally(cause instanceof UnknownHostException ? cause
                        : new UnknownHostException("cannot resolve " + name + ": " + cause.getMessage()));
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> addresses = (List<InetAddress>) done.getNow();
            choose(name, addresses, guarded).whenComplete((address, e) -> {
                if (e == null) {
                    result.complete(address);
                } else {
                    result.completeExceptionally(e);
                }
            });
        });
        return result;
    }

    /** The addresses of an IP literal, or the unexpired answers cached for a name; empty when it must be asked. */
    private List<InetAddress> known(String name) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(name);
        if (literal != null) {
            try {
                return List.of(InetAddress.getByAddress(literal));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("not an address of 4 or 16 bytes: " + name, e);
            }
        }
        List<? extends DnsCacheEntry> entries = resolver.resolveCache().get(name, null);
        if (entries == null) {
            return List.of();
        }
        List<InetAddress> cached = new ArrayList<>(entries.size());
        for (DnsCacheEntry entry : entries) {
            if (entry.address() != null) {
                cached.add(entry.address());
            }
        }
        return cached;
    }

    private CompletableFuture<InetAddress> choose(String name, List<InetAddress> addresses, boolean guarded) {
        Optional<InetAddress> allowed = addresses.stream().filter(address -> !guarded || policy.allows(address))
                .findFirst();
        return allowed.isPresent() ? CompletableFuture.completedFuture(allowed.get())
                : CompletableFuture.failedFuture(new RefusedAddressException(refusal(name)));
    }

    /** Why every address was refused: never which address, which would map a private network for the webhook's owner. */
    private static String refusal(String name) {
        return "address refused: " + name + " resolves to " + AddressPolicy.REFUSED
                + " (set delivery.allow-private-addresses=true to permit it)";
    }

    @Override
    public void close() {
        resolver.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
