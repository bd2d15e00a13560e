package io.headprobe.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address policy as a pure function: nothing here opens a connection. */
class AddressPolicyTest {

    static final AddressPolicy DEFAULT = new AddressPolicy(List.of());
    static final AddressPolicy LOOPBACK_ONE_ALLOWED = new AddressPolicy(List.of(Cidr.parse("127.0.0.1/32")));

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
