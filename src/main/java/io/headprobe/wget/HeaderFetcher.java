package io.headprobe.wget;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.headprobe.guard.AddressGuard;
import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.Resolver;
import io.smallrye.mutiny.Uni;

/**
 * Fetches the response head of one plain-http URL through the reactive REST client, with the
 * probe's SSRF rule: the name is resolved here, every address it resolves to must be allowed by
 * the guard, and the request goes to the first of them by address. Resolving once and connecting
 * to that address leaves no second lookup that DNS could answer differently (rebinding).
 */
@ApplicationScoped
public class HeaderFetcher {

    /** The target resolves to an address HeadProbe may not connect to; nothing was sent. */
    static final class BlockedAddressException extends RuntimeException {
        BlockedAddressException(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    @RestClient
    HeaderClient client;

    @Inject
    Resolver resolver;

    @Inject
    AddressGuard guard;

    /** The timeout covers the whole target: resolution, connect and the response head. */
    public Uni<ResponseHead> fetch(TargetUrl url, Duration timeout) {
        return resolver.resolve(url)
                .onItem().transform(addresses -> checked(url, addresses))
                .onItem().transformToUni(address -> client.get(pinned(url, address), hostHeader(url)))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no response within " + timeout.toMillis() + " ms"))
                .onItem().transform(ResponseHead::of);
    }

    /** Every address must be allowed: a name that also resolves to a private one is refused whole. */
    private InetAddress checked(TargetUrl url, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (!guard.allows(address)) {
                throw new BlockedAddressException(url.literal().isPresent()
                        ? address.getHostAddress() + " is not a public address"
                        : url.host() + " resolves to " + address.getHostAddress() + ", which is not a public address");
            }
        }
        return addresses.get(0);
    }

    /** The URL with the checked address in place of the host (no zone id: the resolver never gives one). */
    static String pinned(TargetUrl url, InetAddress address) {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + url.port() + url.pathAndQuery();
    }

    /** What the URL's authority would have sent: the host, and the port unless it is 80. */
    static String hostHeader(TargetUrl url) {
        return url.port() == 80 ? url.hostHeader() : url.hostHeader() + ":" + url.port();
    }
}
