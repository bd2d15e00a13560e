package io.headprobe.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address blocks as values: parsing, containment, equality by content. */
class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            "10.1.2.3/8, 10.0.0.0/8",
            "127.0.0.1, 127.0.0.1/32",
            "fc00::/7, fc00:0:0:0:0:0:0:0/7",
            "fdff::1/7, fc00:0:0:0:0:0:0:0/7",
            "::ffff:0:0/96, ::ffff:0.0.0.0/96",
            "::ffff:10.0.0.0/104, ::ffff:10.0.0.0/104" })
    void parsesAndPrintsTheBlock(String text, String printed) {
        assertEquals(printed, Cidr.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "example.com/8", "10.0.0.0/33", "10.0.0.0/-1", "::/129", "10.0.0.0/x", "" })
    void rejectsWhatIsNotABlock(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void blocksHoldingTheSameAddressesAreEqual() {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/8"));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), Cidr.parse("10.0.0.0/8").hashCode());
        assertEquals(Cidr.parse("10.9.9.9/8"), Cidr.parse("10.0.0.0/8"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/9"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("11.0.0.0/8"));
        assertTrue(java.util.Set.of(Cidr.parse("fc00::/7")).contains(Cidr.parse("fd00::/7")));
    }

    @Test
    void neitherTheCallerNorTheAccessorCanChangeABlock() {
        byte[] bytes = { 10, 0, 0, 0 };
        Cidr block = new Cidr(bytes, 8);
        bytes[0] = 11;
        block.network()[0] = 12;
        assertArrayEquals(new byte[] { 10, 0, 0, 0 }, block.network());
        assertTrue(block.contains(new byte[] { 10, 1, 2, 3 }));
    }

    @ParameterizedTest
    @CsvSource({
            "fc00::/7, fc00::, true",
            "fc00::/7, fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "fc00::/7, fe00::, false",
            "fc00::/7, fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "100.64.0.0/10, 100.127.255.255, true",
            "100.64.0.0/10, 100.128.0.0, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "::/0, 8.8.8.8, false" })
    void containsExactlyItsAddresses(String block, String address, boolean contained) {
        assertEquals(contained, Cidr.parse(block).contains(AddressPolicyTest.bytes(address)));
    }
}
