package io.headprobe.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd spellings of addresses, read the way inet_aton reads them; pure parsing, no lookups. */
class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource({
            "2130706433, 127.0.0.1",
            "0x7f000001, 127.0.0.1",
            "0X7F000001, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "0177.0.0.01, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "0x7f.1, 127.0.0.1",
            "017700000001, 127.0.0.1",
            "0, 0.0.0.0",
            "169.254.43518, 169.254.169.254",
            "0xa9fea9fe, 169.254.169.254",
            "10.0.0.1., 10.0.0.1",
            "8.8.8.8, 8.8.8.8" })
    void readsEverySpellingOfAnIpv4Address(String spelling, String address) {
        assertEquals(address, IpLiterals.parse(spelling).map(InetAddress::getHostAddress).orElse("name"));
    }

    @ParameterizedTest
    @CsvSource({
            "[::1], 0:0:0:0:0:0:0:1",
            "::1, 0:0:0:0:0:0:0:1",
            "[::ffff:127.0.0.1], 127.0.0.1",
            "[::ffff:7f00:1], 127.0.0.1",
            "[fe80::1], fe80:0:0:0:0:0:0:1" })
    void readsIpv6Literals(String spelling, String address) {
        assertEquals(address, IpLiterals.parse(spelling).map(InetAddress::getHostAddress).orElse("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "example.org", "localhost", "deadbeef", "1.example", "x0x7f000001", "", ".", "1..2", "1.2..",
            "0xg", "1x2", "\u0661.2.3.4", "\uff11.2.3.4", "1.2.3.-4" })
    void leavesNamesToTheResolver(String name) {
        assertEquals(Optional.empty(), IpLiterals.parse(name));
        assertFalse(IpLiterals.looksNumeric(name));
    }

    @ParameterizedTest
    @ValueSource(strings = { "256.0.0.1", "1.2.3.4.5", "4294967296", "0x1ffffffff", "08.0.0.1", "1.2.65536", "[fe80::1%eth0]" })
    void refusesNumbersThatAreNoAddress(String spelling) {
        assertEquals(Optional.empty(), IpLiterals.parse(spelling));
    }

    @ParameterizedTest
    @ValueSource(strings = { "256.0.0.1", "1.2.3.4.5", "08.0.0.1", "0x", "0X1.0x.3.", "1.2.3.4." })
    void stillRecognisesThemAsNumeric(String spelling) {
        assertTrue(IpLiterals.looksNumeric(spelling));
    }
}
