package io.headprobe.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a name's addresses are tried: IPv6 and IPv4 alternating, IPv6 first, as
 * Happy Eyeballs (RFC 8305, section 4) does, each family keeping the resolver's order.
 */
final class AddressOrder {

    private AddressOrder() {
    }

    /** @param ipVersion 4 or 6 to keep that family only, null for both */
    static List<InetAddress> of(String host, List<InetAddress> resolved, Integer ipVersion) throws UnknownHostException {
        List<InetAddress> v6 = resolved.stream().filter(a -> a instanceof Inet6Address).toList();
        List<InetAddress> v4 = resolved.stream().filter(a -> !(a instanceof Inet6Address)).toList();
        if (ipVersion != null) {
            List<InetAddress> family = ipVersion == 6 ? v6 : v4;
            if (family.isEmpty()) {
                throw new UnknownHostException(host + " (no IPv" + ipVersion + " address)");
            }
            return family;
        }
        List<InetAddress> ordered = new ArrayList<>(resolved.size());
        for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
            if (i < v6.size()) {
                ordered.add(v6.get(i));
            }
            if (i < v4.size()) {
                ordered.add(v4.get(i));
            }
        }
        return List.copyOf(ordered);
    }
}
