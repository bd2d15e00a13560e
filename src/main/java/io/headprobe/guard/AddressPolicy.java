package io.headprobe.guard;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether HeadProbe may connect to an address: only public unicast addresses, unless an
 * address falls in one of the configured allow-list blocks. A pure function: it never touches the
 * network.
 */
public final class AddressPolicy {

    private static final List<Cidr> NOT_PUBLIC_V4 = blocks(
            "0.0.0.0/8", // "this network", incl. the unspecified address
            "10.0.0.0/8", // private
            "100.64.0.0/10", // carrier-grade NAT
            "127.0.0.0/8", // loopback
            "169.254.0.0/16", // link-local, incl. cloud metadata 169.254.169.254
            "172.16.0.0/12", // private
            "192.0.0.0/24", // IETF protocol assignments
            "192.0.2.0/24", // documentation
            "192.88.99.0/24", // 6to4 relay anycast
            "192.168.0.0/16", // private
            "198.18.0.0/15", // benchmarking
            "198.51.100.0/24", // documentation
            "203.0.113.0/24", // documentation
            "224.0.0.0/4", // multicast
            "240.0.0.0/4"); // reserved, incl. broadcast 255.255.255.255

    private static final Cidr UNSPECIFIED_V6 = Cidr.parse("::/128");
    private static final Cidr LOOPBACK_V6 = Cidr.parse("::1/128");

    private static final List<Cidr> NOT_PUBLIC_V6 = blocks(
            "::/128", // unspecified
            "::1/128", // loopback
            "100::/64", // discard-only
            "2001::/23", // IETF protocol assignments, incl. Teredo 2001::/32
            "2001:db8::/32", // documentation
            "fc00::/7", // unique local
            "fe80::/10", // link-local
            "fec0::/10", // deprecated site-local
            "ff00::/8"); // multicast

    /** IPv6 forms that carry an IPv4 address in their last 32 bits: judge that address instead. */
    private static final List<Cidr> EMBEDDING_V4_AT_END = blocks(
            "::ffff:0:0/96", // IPv4-mapped
            "::/96", // IPv4-compatible (deprecated)
            "64:ff9b::/96", // NAT64 well-known prefix
            "64:ff9b:1::/48"); // local-use NAT64

    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allow;

    public AddressPolicy(List<Cidr> allow) {
        this.allow = List.copyOf(allow);
    }

    public boolean allows(InetAddress address) {
        return isAllowListed(address.getAddress()) || isPublic(address.getAddress());
    }

    private boolean isAllowListed(byte[] bytes) {
        byte[] v4 = embeddedV4(bytes);
        return allow.stream().anyMatch(block -> block.contains(bytes) || (v4 != null && block.contains(v4)));
    }

    static boolean isPublic(byte[] bytes) {
        if (bytes.length == 4) {
            return NOT_PUBLIC_V4.stream().noneMatch(block -> block.contains(bytes));
        }
        byte[] v4 = embeddedV4(bytes);
        if (v4 != null) {
            return isPublic(v4);
        }
        return NOT_PUBLIC_V6.stream().noneMatch(block -> block.contains(bytes));
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
    private static byte[] embeddedV4(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return Arrays.copyOfRange(bytes, 2, 6);
        }
        // :: and ::1 lie inside ::/96 but are IPv6's own unspecified and loopback addresses.
        boolean ownSpecial = UNSPECIFIED_V6.contains(bytes) || LOOPBACK_V6.contains(bytes);
        if (!ownSpecial && EMBEDDING_V4_AT_END.stream().anyMatch(block -> block.contains(bytes))) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return null;
    }


    private static List<Cidr> blocks(String... texts) {
        return Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
