package io.headprobe.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address policy as a pure function: nothing here opens a connection. */
class AddressPolicyTest {

    static final AddressPolicy DEFAULT = new AddressPolicy(List.of());
    static final AddressPolicy LOOPBACK_ONE_ALLOWED = new AddressPolicy(List.of(Cidr.parse("127.0.0.1/32")));

    // Through InetAddress, as the resolver hands addresses over. The JDK turns ::ffff:a.b.c.d into an
    // Inet4Address, so those rows take the IPv4 path here; the raw tables below take the IPv6 one.
    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.255.255.254", "::1", "0.0.0.0", "::", "0.1.2.3",
            "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "fe80::1", "febf::1",
            "100.64.0.1", "100.127.255.255", "fc00::1", "fd12:3456::1",
            "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255", "240.0.0.1",
            "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "2001:db8::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.1",
            "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a00:1::1", "2001::1", "fec0::1" })
    void blocksAddressesThatAreNotPublicUnicast(String address) throws Exception {
        assertFalse(DEFAULT.allows(literal(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1" })
    void allowsPublicUnicastAddresses(String address) throws Exception {
        assertTrue(DEFAULT.allows(literal(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "::ffff:127.0.0.1" })
    void allowsWhatTheAllowListNames(String address) throws Exception {
        assertTrue(LOOPBACK_ONE_ALLOWED.allows(literal(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.2", "::1", "10.0.0.1" })
    void allowListExemptsOnlyItsOwnBlocks(String address) throws Exception {
        assertFalse(LOOPBACK_ONE_ALLOWED.allows(literal(address)), address);
    }

    // The IANA IPv4 special-purpose registry: first and last address of each block, and its neighbours.
    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, false", "0.255.255.255, false", "1.0.0.0, true",
            "9.255.255.255, true", "10.0.0.0, false", "10.255.255.255, false", "11.0.0.0, true",
            "100.63.255.255, true", "100.64.0.0, false", "100.127.255.255, false", "100.128.0.0, true",
            "126.255.255.255, true", "127.0.0.0, false", "127.255.255.255, false", "128.0.0.0, true",
            "169.253.255.255, true", "169.254.0.0, false", "169.254.169.254, false", "169.254.255.255, false",
            "169.255.0.0, true",
            "172.15.255.255, true", "172.16.0.0, false", "172.31.255.255, false", "172.32.0.0, true",
            "191.255.255.255, true", "192.0.0.0, false", "192.0.0.7, false", "192.0.0.8, false",
            "192.0.0.9, true", "192.0.0.10, true", "192.0.0.11, false", "192.0.0.170, false", "192.0.0.171, false",
            "192.0.0.255, false", "192.0.1.0, true",
            "192.0.2.0, false", "192.0.2.255, false", "192.0.3.0, true",
            "192.31.196.1, true", "192.52.193.1, true", "192.175.48.1, true",
            "192.88.98.255, true", "192.88.99.0, false", "192.88.99.255, false", "192.88.100.0, true",
            "192.167.255.255, true", "192.168.0.0, false", "192.168.255.255, false", "192.169.0.0, true",
            "198.17.255.255, true", "198.18.0.0, false", "198.19.255.255, false", "198.20.0.0, true",
            "198.51.99.255, true", "198.51.100.0, false", "198.51.100.255, false", "198.51.101.0, true",
            "203.0.112.255, true", "203.0.113.0, false", "203.0.113.255, false", "203.0.114.0, true",
            "223.255.255.255, true", "224.0.0.0, false", "239.255.255.255, false",
            "240.0.0.0, false", "255.255.255.254, false", "255.255.255.255, false",
            "8.8.8.8, true", "1.1.1.1, true", "93.184.215.14, true" })
    void ipv4IsPublicOutsideTheRegistrysNonGlobalBlocks(String address, boolean expected) {
        assertPublic(address, expected);
    }

    // 2000::/3 and the IANA IPv6 special-purpose registry, as raw 16-byte addresses.
    @ParameterizedTest
    @CsvSource({
            // global unicast 2000::/3 and what lies around it
            "::, false", "::1, false", "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false", "2000::, true",
            "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "4000::, false", "4000::1, false",
            "8000::1, false", "e000::1, false", "fec0::1, false", "ff02::1, false",
            "100::, false", "100::ffff:ffff:ffff:ffff, false", "100:0:0:1::, false",
            // 2001::/23 IETF protocol assignments and its globally reachable exceptions
            "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "2001::, false", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "2001:1::, false", "2001:1::1, true", "2001:1::2, true", "2001:1::3, true", "2001:1::4, false",
            "2001:2::, false", "2001:2:0:ffff:ffff:ffff:ffff:ffff, false", "2001:2:1::, false",
            "2001:2:ffff:ffff:ffff:ffff:ffff:ffff, false", "2001:3::, true", "2001:3:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:4::, false", "2001:4:111:ffff:ffff:ffff:ffff:ffff, false", "2001:4:112::, true",
            "2001:4:112:ffff:ffff:ffff:ffff:ffff, true", "2001:4:113::, false",
            "2001:10::, false", "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "2001:20::, true", "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:30::, true", "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff, true", "2001:40::, false",
            "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff, false", "2001:200::, true",
            // documentation 2001:db8::/32 and 3fff::/20
            "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, true", "2001:db8::, false",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, false", "2001:db9::, true",
            "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "3fff::, false",
            "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff, false", "3fff:1000::, true",
            // AS112 direct delegation, globally reachable
            "2620:4f:7fff:ffff:ffff:ffff:ffff:ffff, true", "2620:4f:8000::, true",
            "2620:4f:8000:ffff:ffff:ffff:ffff:ffff, true", "2620:4f:8001::, true",
            // SRv6 SIDs 5f00::/16 (outside 2000::/3 as well)
            "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false", "5f00::, false",
            "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false", "5f01::, false",
            // unique local fc00::/7, link-local fe80::/10
            "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false", "fc00::, false",
            "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false", "fe00::, false",
            "fe80::, false", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
            // ordinary public addresses
            "2606:4700::1111, true", "2a00:1450:4001::200e, true", "2620:fe::fe, true" })
    void ipv6IsPublicInGlobalUnicastOutsideTheRegistrysNonGlobalBlocks(String address, boolean expected) {
        assertPublic(address, expected);
    }

    // IPv6 forms that carry an IPv4 address, judged by that address, as raw 16-byte addresses.
    @ParameterizedTest
    @CsvSource({
            // IPv4-mapped ::ffff:0:0/96, its edges and neighbours
            "::ffff:8.8.8.8, true", "::ffff:1.0.0.0, true", "::ffff:10.0.0.1, false", "::ffff:127.0.0.1, false",
            "::ffff:169.254.169.254, false", "::ffff:192.168.1.1, false", "::ffff:0.0.0.0, false",
            "::ffff:255.255.255.255, false", "::fffe:ffff:ffff, false", "::1:0:0:0, false",
            // NAT64 well-known prefix 64:ff9b::/96
            "64:ff9b::808:808, true", "64:ff9b::100:0, true", "64:ff9b::a00:1, false", "64:ff9b::7f00:1, false",
            "64:ff9b::a9fe:a9fe, false", "64:ff9b::, false", "64:ff9b::ffff:ffff, false", "64:ff9b::1:0:0, false",
            // local-use NAT64 64:ff9b:1::/48: blocked whole, whatever IPv4 address it seems to carry
            "64:ff9b:1::, false", "64:ff9b:1::808:808, false", "64:ff9b:1:808:8:800::, false",
            "64:ff9b:1:ffff:ffff:ffff:ffff:ffff, false", "64:ff9b:2::808:808, false",
            // IPv4-compatible ::/96 (deprecated, outside 2000::/3): blocked whole, whatever it carries
            "::8.8.8.8, false", "::127.0.0.1, false", "::10.0.0.1, false", "::0.0.0.2, false",
            // 6to4 2002::/16, judged by its IPv4 address as before
            "2002:808:808::1, true", "2002:7f00:1::, false", "2002:a00:1::1, false", "2002:c058:6301::, false",
            "2002::, false", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "2003::, true" })
    void ipv6CarryingIpv4IsJudgedByIt(String address, boolean expected) {
        assertPublic(address, expected);
    }

    // Found wrongly allowed by the differential run against the IANA registries.
    @ParameterizedTest
    @ValueSource(strings = { "::fffe:ffff:ffff", "4000::1", "3fff::1", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
            "5f00::1", "64:ff9b:1::808:808", "64:ff9b:1::101:101", "100:0:0:1::1", "8000::" })
    void previouslyAllowedAddressesAreBlocked(String address) {
        assertFalse(AddressPolicy.isPublic(bytes(address)), address);
        assertFalse(DEFAULT.allows(bytes(address)), address);
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1/32, ::ffff:127.0.0.1, true",
            "127.0.0.1/32, ::ffff:127.0.0.2, false",
            "10.0.0.0/8, 64:ff9b::a00:1, true",
            "10.0.0.0/8, 64:ff9b:1::a00:1, false",
            "64:ff9b:1::/48, 64:ff9b:1::a00:1, true",
            "3fff::/20, 3fff::1, true",
            "3fff::/20, 3fff:1000::1, true",
            "3fff::/20, 5f00::1, false",
            "fd00::/8, fd00::1, true",
            "fd00::/8, fc00::1, false" })
    void allowListExemptsItsBlocksInRawForm(String allowed, String address, boolean expected) {
        assertEquals(expected, new AddressPolicy(List.of(Cidr.parse(allowed))).allows(bytes(address)),
                allowed + " " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "::ffff:10.0.0.1", "::ffff:0:0", "64:ff9b::a00:1", "::1" })
    void rawAddressesStaySixteenBytes(String address) {
        assertEquals(16, bytes(address).length, address);
    }

    private static void assertPublic(String address, boolean expected) {
        assertEquals(expected, AddressPolicy.isPublic(bytes(address)), address);
    }

    private static InetAddress literal(String text) {
        return IpLiterals.parse(text).orElseThrow(() -> new AssertionError("not a literal: " + text));
    }

    /** The raw bytes of an address literal: 16 for every IPv6 spelling, ::ffff:a.b.c.d included. */
    static byte[] bytes(String text) {
        byte[] bytes = literal(text).getAddress();
        // The JDK hands ::ffff:a.b.c.d back as a 4-byte IPv4 address: put the IPv6 prefix back.
        return text.contains(":") && bytes.length == 4 ? IpLiterals.mapped(bytes) : bytes;
    }
}
