package io.headprobe.blackbox;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

import io.netty.util.NetUtil;

/**
 * The label values of blackbox's TLS metrics, spelt as Go spells them (prober/tls.go), from what
 * the JDK told HeadProbe.
 */
final class TlsLabels {

    private TlsLabels() {
    }

    /** "TLSv1.3" to "TLS 1.3"; Go has no name for SSLv3 and older ("unknown"). */
    static String version(String jdkProtocol) {
        if (jdkProtocol == null) {
            return "unknown";
        }
        return switch (jdkProtocol) {
            case "TLSv1" -> "TLS 1.0";
            case "TLSv1.1" -> "TLS 1.1";
            case "TLSv1.2" -> "TLS 1.2";
            case "TLSv1.3" -> "TLS 1.3";
            default -> "unknown";
        };
    }

    /**
     * The JDK and Go both use the IANA names ("TLS_AES_128_GCM_SHA256",
     * "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), except for a few old suites the JDK still calls
     * "SSL_...".
     */
    static String cipher(String jdkCipher) {
        if (jdkCipher == null) {
            return "";
        }
        return jdkCipher.startsWith("SSL_") ? "TLS_" + jdkCipher.substring(4) : jdkCipher;
    }

    /**
     * Go writes the serial as {@code %x} of its big-endian bytes: lower case, an even number of
     * digits (a leading zero kept), nothing at all for serial 0. HeadProbe has BigInteger's hex.
     */
    static String serial(String hex) {
        if (hex == null || hex.isEmpty()) {
            return "";
        }
        BigInteger serial = new BigInteger(hex, 16).abs();
        if (serial.signum() == 0) {
            return "";
        }
        String digits = serial.toString(16);
        return digits.length() % 2 == 1 ? "0" + digits : digits;
    }

    /**
     * Go's cert.DNSNames, comma-joined. HeadProbe's list also holds the IP-address SANs, which
     * Go keeps apart (IPAddresses); no DNS name contains ':', and a dNSName that reads as an IPv4
     * literal is not a DNS name anyone can use, so every address literal is left out.
     */
    static String dnsNames(List<String> sans) {
        if (sans == null) {
            return "";
        }
        return sans.stream().filter(san -> !NetUtil.isValidIpV4Address(san) && !san.contains(":"))
                .collect(Collectors.joining(","));
    }
}
