package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values spelt as Go spells them: floats, the IP hash, HTTP dates, TLS names and serials. */
class GoValuesTest {

    @ParameterizedTest
    @CsvSource({ "3668918509, 3.668918509e+09", "0.006933636, 0.006933636", "1.1, 1.1", "2, 2", "200, 200",
            "-62135596800, -6.21355968e+10", "1445412480, 1.44541248e+09", "0.00001625, 1.625e-05",
            "0.000179988, 0.000179988", "123456, 123456", "1000000, 1e+06", "-1, -1", "0, 0", "0.0001, 0.0001" })
    void floatsAsStrconvFormatFloat(double value, String go) {
        assertEquals(go, GoFloat.format(value));
    }

    @Test
    void openMetricsFloatsHaveADot() {
        assertEquals("1.0", GoFloat.formatOpenMetrics(1));
        assertEquals("200.0", GoFloat.formatOpenMetrics(200));
        assertEquals("1.1", GoFloat.formatOpenMetrics(1.1));
        assertEquals("1.44541248e+09", GoFloat.formatOpenMetrics(1445412480));
        assertEquals("NaN", GoFloat.formatOpenMetrics(Double.NaN));
    }

    @Test
    void ipHashIsFnv1aOfTheAddressBytes() {
        assertEquals(3668918509d, IpAddressHash.of("127.0.0.1")); // the exporter's value
        assertEquals(3668918509d, IpAddressHash.of("::ffff:127.0.0.1"));
        assertEquals(4, IpAddressHash.family("::ffff:127.0.0.1"));
        assertEquals(6, IpAddressHash.family("::1"));
        assertEquals(0, IpAddressHash.family("example.test"));
        assertEquals(0, IpAddressHash.of(null));
    }

    @Test
    void httpDatesInGosThreeFormats() {
        assertEquals(OptionalLong.of(1445412480), HttpDate.parse("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(OptionalLong.of(1445412480), HttpDate.parse("Wednesday, 21-Oct-15 07:28:00 GMT"));
        assertEquals(OptionalLong.of(1445412480), HttpDate.parse("Wed Oct 21 07:28:00 2015"));
        assertEquals(OptionalLong.of(784111777), HttpDate.parse("Sun Nov  6 08:49:37 1994"));
        assertEquals(OptionalLong.of(1445412480), HttpDate.parse("mon, 21 OCT 2015 07:28:00 GMT"), "weekday not checked");
        assertEquals(OptionalLong.empty(), HttpDate.parse("Wed, 21 Oct 2015 07:28:00 UTC"));
        assertEquals(OptionalLong.empty(), HttpDate.parse("Wed, 31 Feb 2015 07:28:00 GMT"));
        assertEquals(OptionalLong.empty(), HttpDate.parse("2015-10-21T07:28:00Z"));
        assertEquals(OptionalLong.empty(), HttpDate.parse(null));
    }

    @Test
    void tlsLabels() {
        assertEquals("TLS 1.3", TlsLabels.version("TLSv1.3"));
        assertEquals("TLS 1.0", TlsLabels.version("TLSv1"));
        assertEquals("unknown", TlsLabels.version("SSLv3"));
        assertEquals("TLS_RSA_WITH_3DES_EDE_CBC_SHA", TlsLabels.cipher("SSL_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertEquals("0abc12", TlsLabels.serial("abc12"));
        assertEquals("ab12", TlsLabels.serial("ab12"));
        assertEquals("", TlsLabels.serial("0"));
        assertEquals("a.test,*.b.test", TlsLabels.dnsNames(List.of("a.test", "127.0.0.1", "*.b.test", "0:0:0:0:0:0:0:1")));
    }
}
