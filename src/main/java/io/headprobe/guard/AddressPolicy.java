package io.headprobe.guard;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether HeadProbe may connect to an address: only public unicast addresses, unless an
 * address falls in one of the configured allow-list blocks. A pure function: it never touches the
 * network.
 *
 * <p>"Public" follows IANA's special-purpose address registries: an IPv4 address is public unless the
 * registry marks it not globally reachable; an IPv6 address is public when it lies in global unicast
 * 2000::/3 and the registry does not mark it not globally reachable, or when it carries a public IPv4
 * address in one of the forms of {@link #CARRYING_V4_AT_END} or in 6to4.
 */
public final class AddressPolicy {

    /** One row of a registry: a block and its "Globally Reachable" column. */
    private record Row(Cidr block, boolean global) {
    }

    /**
     * IANA IPv4 Special-Purpose Address Registry (RFC 6890, RFC 8190). Rows nest: the most specific row
     * holding an address decides, so the two anycast addresses in 192.0.0.0/24 are public.
     */
    private static final List<Row> IPV4_REGISTRY = List.of(
            notGlobal("0.0.0.0/8"), // "this network", RFC 791; holds 0.0.0.0/32 "this host", RFC 1122
            notGlobal("10.0.0.0/8"), // private use, RFC 1918
            notGlobal("100.64.0.0/10"), // shared address space (carrier-grade NAT), RFC 6598
            notGlobal("127.0.0.0/8"), // loopback, RFC 1122
            notGlobal("169.254.0.0/16"), // link local, RFC 3927; holds cloud metadata 169.254.169.254
            notGlobal("172.16.0.0/12"), // private use, RFC 1918
            notGlobal("192.0.0.0/24"), // IETF protocol assignments, RFC 6890
            notGlobal("192.0.0.0/29"), // IPv4 service continuity prefix, RFC 7335
            notGlobal("192.0.0.8/32"), // IPv4 dummy address, RFC 7600
            global("192.0.0.9/32"), // Port Control Protocol anycast, RFC 7723
            global("192.0.0.10/32"), // TURN anycast, RFC 8155
            notGlobal("192.0.0.170/32"), // NAT64/DNS64 discovery, RFC 8880, RFC 7050
            notGlobal("192.0.0.171/32"), // NAT64/DNS64 discovery, RFC 8880, RFC 7050
            notGlobal("192.0.2.0/24"), // documentation TEST-NET-1, RFC 5737
            global("192.31.196.0/24"), // AS112-v4, RFC 7535
            global("192.52.193.0/24"), // AMT, RFC 7450
            // Deprecated 6to4 relay anycast, RFC 7526: the registry says N/A; a relay is whoever
            // announces it nearest, so it stays blocked as it always was.
            notGlobal("192.88.99.0/24"),
            notGlobal("192.168.0.0/16"), // private use, RFC 1918
            global("192.175.48.0/24"), // AS112 direct delegation, RFC 7534
            notGlobal("198.18.0.0/15"), // benchmarking, RFC 2544
            notGlobal("198.51.100.0/24"), // documentation TEST-NET-2, RFC 5737
            notGlobal("203.0.113.0/24"), // documentation TEST-NET-3, RFC 5737
            notGlobal("240.0.0.0/4"), // reserved, RFC 1112
            notGlobal("255.255.255.255/32"), // limited broadcast, RFC 919, RFC 8190
            // Not in the registry but never a unicast target: multicast, RFC 5771.
            notGlobal("224.0.0.0/4"));

    /**
     * Global unicast, RFC 4291. Everything else is reserved or special (::/8, 4000::/2, fec0::/10
     * site-local, ff00::/8 multicast, ...) and never public, except the IPv4-carrying forms below.
     */
    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3");

    /**
     * IANA IPv6 Special-Purpose Address Registry (RFC 6890, RFC 8190), read like the IPv4 one: the most
     * specific row decides. Rows outside 2000::/3 are blocked by that rule already and are listed so the
     * table is the whole registry; rows for forms that carry an IPv4 address never decide, because such
     * an address is judged by its IPv4 address first.
     */
    private static final List<Row> IPV6_REGISTRY = List.of(
            notGlobal("::1/128"), // loopback, RFC 4291
            notGlobal("::/128"), // unspecified, RFC 4291
            notGlobal("::ffff:0:0/96"), // IPv4-mapped, RFC 4291 (judged by its IPv4 address)
            global("64:ff9b::/96"), // NAT64 well-known prefix, RFC 6052 (judged by its IPv4 address)
            // Local-use NAT64, RFC 8215. With a /48 prefix RFC 6052 puts the IPv4 address in bits 48-63
            // and 72-87, not at the end, and the operator picks the prefix length: blocked whole.
            notGlobal("64:ff9b:1::/48"),
            notGlobal("100::/64"), // discard-only, RFC 6666
            notGlobal("100:0:0:1::/64"), // dummy IPv6 prefix, RFC 9780
            notGlobal("2001::/23"), // IETF protocol assignments, RFC 2928
            notGlobal("2001::/32"), // Teredo, RFC 4380, RFC 8190 (registry: N/A; tunnels to any IPv4 host)
            global("2001:1::1/128"), // Port Control Protocol anycast, RFC 7723
            global("2001:1::2/128"), // TURN anycast, RFC 8155
            global("2001:1::3/128"), // DNS-SD service registration protocol anycast, RFC 9665
            notGlobal("2001:2::/48"), // benchmarking, RFC 5180
            global("2001:3::/32"), // AMT, RFC 7450
            global("2001:4:112::/48"), // AS112-v6, RFC 7535
            notGlobal("2001:10::/28"), // deprecated ORCHID, RFC 4843 (registry: N/A)
            global("2001:20::/28"), // ORCHIDv2, RFC 7343
            global("2001:30::/28"), // drone remote ID entity tags (DETs), RFC 9374
            notGlobal("2001:db8::/32"), // documentation, RFC 3849
            notGlobal("2002::/16"), // 6to4, RFC 3056 (registry: N/A; judged by its IPv4 address)
            global("2620:4f:8000::/48"), // AS112 direct delegation, RFC 7534
            notGlobal("3fff::/20"), // documentation, RFC 9637
            notGlobal("5f00::/16"), // segment routing (SRv6) SIDs, RFC 9602
            notGlobal("fc00::/7"), // unique local, RFC 4193, RFC 8190
            notGlobal("fe80::/10")); // link-local unicast, RFC 4291

    private static final Cidr UNSPECIFIED_V6 = Cidr.parse("::/128");
    private static final Cidr LOOPBACK_V6 = Cidr.parse("::1/128");

    /**
     * IPv6 forms that carry an IPv4 address in their last 32 bits: judge that address instead. The
     * deprecated IPv4-compatible form (::/96, RFC 4291) is not one of them: it lies outside 2000::/3
     * and no host uses it, so it is blocked whole.
     */
    private static final List<Cidr> CARRYING_V4_AT_END = List.of(
            Cidr.parse("::ffff:0:0/96"), // IPv4-mapped
            Cidr.parse("64:ff9b::/96")); // NAT64 well-known prefix

    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allow;

    public AddressPolicy(List<Cidr> allow) {
        this.allow = List.copyOf(allow);
    }

    public boolean allows(InetAddress address) {
        return allows(address.getAddress());
    }

    boolean allows(byte[] bytes) {
        return isAllowListed(bytes) || isPublic(bytes);
    }

    private boolean isAllowListed(byte[] bytes) {
        byte[] v4 = embeddedV4(bytes);
        // Loops, not streams: every address of every target is checked (bench/cli-memory.sh counts the garbage).
        for (Cidr block : allow) {
            if (block.contains(bytes) || (v4 != null && block.contains(v4))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code bytes} (4 for IPv4, 16 for IPv6) is a public unicast address. */
    static boolean isPublic(byte[] bytes) {
        if (bytes.length == 4) {
            return globallyReachable(IPV4_REGISTRY, bytes);
        }
        byte[] v4 = embeddedV4(bytes);
        if (v4 != null) {
            return isPublic(v4);
        }
        return GLOBAL_UNICAST_V6.contains(bytes) && globallyReachable(IPV6_REGISTRY, bytes);
    }

    /** The verdict of the most specific registry row holding the address; no row means reachable. */
    private static boolean globallyReachable(List<Row> registry, byte[] bytes) {
        Row mostSpecific = null;
        for (Row row : registry) {
            if (row.block().contains(bytes)
                    && (mostSpecific == null || row.block().prefixLength() > mostSpecific.block().prefixLength())) {
                mostSpecific = row;
            }
        }
        return mostSpecific == null || mostSpecific.global();
    }

    /** The IPv4 address an IPv6 address carries (mapped, NAT64 /96, 6to4), or null. */
    private static byte[] embeddedV4(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return Arrays.copyOfRange(bytes, 2, 6);
        }
        if (CARRYING_V4_AT_END.stream().anyMatch(block -> block.contains(bytes))) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return null;
    }

    private static Row global(String block) {
        return new Row(Cidr.parse(block), true);
    }

    private static Row notGlobal(String block) {
        return new Row(Cidr.parse(block), false);
    }
}
