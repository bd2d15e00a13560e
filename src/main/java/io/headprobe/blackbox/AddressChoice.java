package io.headprobe.blackbox;

import java.net.InetAddress;
import java.util.List;

/** blackbox's choice of the address to probe among those a name resolves to (prober/utils.go, chooseProtocol). */
public final class AddressChoice {

    private AddressChoice() {
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
