package io.headprobe.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.guard.Cidr;

/** Which address is the client, given the peer and its X-Forwarded-For headers (a pure function). */
class ClientsTest {

    private static final List<Cidr> PROXIES = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            // Not from a proxy: the header is the caller's own claim and is ignored.
            "198.51.100.7 | 203.0.113.9                      | 198.51.100.7",
            // From a proxy: the rightmost address that is not a proxy.
            "10.0.0.5     | 203.0.113.9                      | 203.0.113.9",
            "10.0.0.5     | 1.2.3.4, 203.0.113.9             | 203.0.113.9",
            "10.0.0.5     | 1.2.3.4, 203.0.113.9, 10.1.1.1   | 203.0.113.9",
            "fd00::1      | 2001:db8::9                      | 2001:db8:0:0:0:0:0:9",
            // A proxy without the header, or only proxies in it.
            "10.0.0.5     | none                             | 10.0.0.5",
            "10.0.0.5     | 10.9.9.9                         | 10.9.9.9",
            // Garbage stops the walk: the last good address counts, never the garbage.
            "10.0.0.5     | 203.0.113.9, not-an-ip           | 10.0.0.5",
            "10.0.0.5     | 203.0.113.9, unknown, 10.1.1.1   | 10.1.1.1",
            // Proxies that add the client's port.
            "10.0.0.5     | 203.0.113.9:5678                 | 203.0.113.9",
            "10.0.0.5     | [2001:db8::9]:443, 10.1.1.1:80   | 2001:db8:0:0:0:0:0:9",
    })
    void theClientIsTheRightmostAddressNotATrustedProxy(String peer, String forwardedFor, String client) {
        List<String> headers = forwardedFor == null ? List.of() : List.of(forwardedFor);
        assertEquals(client, Clients.clientAddress(peer, headers, PROXIES));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "10.0.0.5 | 203.0.113.9", "127.0.0.1 | 203.0.113.9" })
    void withoutTrustedProxiesTheHeaderIsNeverRead(String peer, String forwardedFor) {
        assertEquals(peer, Clients.clientAddress(peer, List.of(forwardedFor), List.of()));
    }

    @ParameterizedTest(name = "{0} is counted as {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9                  | 203.0.113.9",
            "2001:db8:1:2:aaaa:bbbb:cccc:d | 2001:db8:1:2:0:0:0:0/64",
            "2001:db8:1:2:0:0:0:1         | 2001:db8:1:2:0:0:0:0/64",
            "key:0123456789ab             | key:0123456789ab",
    })
    void limitsCountAnIpv6ClientByItsSlash64(String client, String key) {
        assertEquals(key, Clients.limitKey(client));
    }

    @org.junit.jupiter.api.Test
    void severalHeadersReadAsOneList() {
        assertEquals("203.0.113.9",
                Clients.clientAddress("10.0.0.5", List.of("1.2.3.4", "203.0.113.9, 10.2.2.2"), PROXIES));
    }
}
