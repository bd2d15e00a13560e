package io.headprobe.blackbox;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.AddressGuard;
import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.Resolver;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;

/**
 * How the tcp, dns and grpc probers find the address to probe: the target's host resolved with
 * HeadProbe's resolver within the probe's timeout, blackbox's choice of family (prober/utils.go,
 * chooseProtocol), and the address guard's verdict on every address the name stands for.
 */
@ApplicationScoped
public class TargetAddress {

    /**
     * @param dnsSeconds how long resolving took
     * @param address the address to probe; null when there is none, and then error says why
     */
    public record Chosen(double dnsSeconds, InetAddress address, String error) {
    }

    @Inject
    Resolver resolver;

    @Inject
    AddressGuard guard;

    public Uni<Chosen> choose(TargetUrl url, String preferredIpProtocol, boolean fallback, Duration timeout) {
        long resolving = System.nanoTime();
        return resolver.resolve(url)
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transform((addresses, failure) -> {
                    double dnsSeconds = (System.nanoTime() - resolving) / 1e9;
                    if (failure != null) {
                        return new Chosen(dnsSeconds, null, "Error resolving address: "
                                + (failure.getMessage() == null ? "no answer in time" : failure.getMessage()));
                    }
                    InetAddress chosen = choose(addresses, preferredIpProtocol, fallback);
                    if (chosen == null) {
                        return new Chosen(dnsSeconds, null, "no address of the " + preferredIpProtocol + " family, and no fallback");
                    }
                    // As the http prober: every address the name stands for must be allowed, a mixed answer is refused whole.
                    for (InetAddress address : addresses) {
                        if (!guard.allows(address)) {
                            return new Chosen(dnsSeconds, null, url.host() + " resolves to " + NetUtil.toAddressString(address)
                                    + ", which is not a public address");
                        }
                    }
                    return new Chosen(dnsSeconds, chosen, null);
                });
    }

    /**
     * The first address of the preferred family ("ip4" or "ip6"), else, when falling back is
     * allowed, the first of the other; null when there is none.
     */
    public static InetAddress choose(List<InetAddress> addresses, String preferredIpProtocol, boolean fallback) {
        int preferred = "ip4".equals(preferredIpProtocol) ? 4 : 16;
        return addresses.stream().filter(address -> address.getAddress().length == preferred).findFirst()
                .orElse(fallback && !addresses.isEmpty() ? addresses.get(0) : null);
    }
}
