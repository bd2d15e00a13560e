package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** headprobe.dns.server in every form it may take, and the resolv.conf default; pure parsing. */
class NameServerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1.2.3.4             | 1.2.3.4:53",
            "1.2.3.4:5353        | 1.2.3.4:5353",
            "\" 10.0.0.2:53 \"   | 10.0.0.2:53",
            "::1                 | [::1]:53",
            "[::1]               | [::1]:53",
            "[::1]:53            | [::1]:53",
            "[::1]:5353          | [::1]:5353",
            "2001:DB8:0:0::53    | [2001:db8::53]:53",
            "[2001:db8::53]:5353 | [2001:db8::53]:5353",
            "::ffff:10.0.0.2     | 10.0.0.2:53",
            // Without brackets every colon belongs to the address: ::1:53 is an address, port 53 by default.
            "::1:53              | [::1:53]:53" })
    void readsAnAddressWithAnOptionalPort(String value, String server) {
        assertEquals(server, NameServer.parse(value).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "dns.example       | 'dns.example' is not an IP address",
            "dns.example:53    | 'dns.example' is not an IP address",
            "localhost         | 'localhost' is not an IP address",
            "1.2.3             | '1.2.3' is not an IP address",
            "256.1.1.1         | '256.1.1.1' is not an IP address",
            "\"\"              | '' is not an IP address",
            "1.2.3.4:          | '' is not a port",
            "1.2.3.4:0         | '0' is not a port",
            "1.2.3.4:65536     | '65536' is not a port",
            "1.2.3.4:+53       | '+53' is not a port",
            "[::1]:dns         | 'dns' is not a port",
            "[::1              | write an IPv6 address as [::1]",
            "[::1]53           | write an IPv6 address as [::1]",
            "[1.2.3.4]:53      | brackets hold an IPv6 address",
            "[fe80::1%eth0]:53 | zone id",
            "fe80::1%eth0      | zone id" })
    void refusesAnythingElseSayingWhy(String value, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> NameServer.parse(value));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
        assertTrue(refused.getMessage().contains("[::1]:5353"), "shows the forms that work: " + refused.getMessage());
    }

    @Test
    void theConfigMappingReadsTheServerWithParse() {
        assertEquals("[::1]:5353", mapping(Map.of("headprobe.dns.server", "[::1]:5353")).server().orElseThrow().toString());
        assertTrue(mapping(Map.of()).server().isEmpty());
    }

    @Test
    void theConfigMappingRefusesAName() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> mapping(Map.of("headprobe.dns.server", "dns.example")));
        assertTrue(refused.getMessage().contains("'dns.example' is not an IP address"), refused.getMessage());
    }

    @Test
    void theDefaultIsTheFirstNameserverOfResolvConf(@TempDir Path dir) throws IOException {
        Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), """
                # written by a network manager
                search example.org
                options ndots:2
                nameserver 2001:db8::53
                nameserver 10.0.0.2
                """);

        assertEquals("[2001:db8::53]:53", NameServer.fromResolvConf(resolvConf).toString());
    }

    @Test
    void withoutANameserverTheDefaultIsLocalhostAsForGlibc(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("resolv.conf"), "search example.org\n");

        assertEquals("127.0.0.1:53", NameServer.fromResolvConf(empty).toString());
        assertEquals("127.0.0.1:53", NameServer.fromResolvConf(dir.resolve("missing")).toString());
    }

    private static DnsConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DnsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // as in Quarkus: 5S
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(DnsConfig.class);
    }
}
