package io.headprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The symmetric strength a suite's IANA name gives, which the grade's cipher score is made of. */
class CipherStrengthTest {

    @ParameterizedTest(name = "{1}: {2} bits")
    @CsvSource({
            "0x1301, TLS_AES_128_GCM_SHA256, 128",
            "0x1302, TLS_AES_256_GCM_SHA384, 256",
            "0x1303, TLS_CHACHA20_POLY1305_SHA256, 256",
            "0xC02F, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 128",
            "0xC027, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, 128",
            "0x003D, TLS_RSA_WITH_AES_256_CBC_SHA256, 256",
            "0x00BE, TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256, 128",
            "0xC030, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 256",
            "0x000A, TLS_RSA_WITH_3DES_EDE_CBC_SHA, 112",
            "0x0003, TLS_RSA_EXPORT_WITH_RC4_40_MD5, 40",
            "0x003B, TLS_RSA_WITH_NULL_SHA256, 0" })
    void bitsOfASuite(String code, String name, int bits) {
        assertEquals(bits, CipherSuites.describe(Integer.decode(code), name).bits());
    }
}
