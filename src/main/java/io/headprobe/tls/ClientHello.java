package io.headprobe.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A ClientHello written byte for byte, as testssl.sh's socket mode and sslyze write theirs: the JDK
 * does not speak SSLv2, SSLv3 or TLS 1.0 any more, and a scan only asks what the server would
 * choose, so no key is ever exchanged. TLS 1.3 hellos carry an empty key_share: a server answers
 * with a HelloRetryRequest that names its cipher suite and group, which is all a scan needs.
 *
 * @param version the version asked for: 0x0300 (SSLv3) to 0x0303 (TLS 1.2), or 0x0304 (TLS 1.3, sent
 *        in supported_versions with 0x0303 as the legacy version)
 * @param suites the cipher suite codes, in the order offered
 * @param groups the supported_groups codes (empty: no extension)
 * @param host the name for server_name, null for none
 * @param compression offer DEFLATE before null compression
 */
record ClientHello(int version, List<Integer> suites, List<Integer> groups, String host, boolean compression) {

    static final int SSL3 = 0x0300;
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_EC_POINT_FORMATS = 11;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;

    /** Every signature scheme a server might sign with, SHA-1 last, so no server refuses for want of one. */
    private static final int[] SIGNATURE_SCHEMES = { 0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
            0x0809, 0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203,
            0x0201, 0x0202 };

    /** The record, ready to write. */
    byte[] bytes() {
        Bytes body = new Bytes();
        body.u16(version == TLS13 ? TLS12 : version);
        body.raw(random(32));
        body.u8(32); // a session id, as TLS 1.3 clients send for middleboxes
        body.raw(random(32));
        body.u16(suites.size() * 2);
        suites.forEach(body::u16);
        if (compression) {
            body.u8(2).u8(1).u8(0);
        } else {
            body.u8(1).u8(0);
        }
        if (version > SSL3) { // SSLv3 servers may choke on extensions
            Bytes extensions = extensions();
            body.u16(extensions.size()).raw(extensions.toByteArray());
        }
        Bytes handshake = new Bytes().u8(1).u24(body.size()).raw(body.toByteArray());
        // The record version: 1.0 for every TLS hello, as browsers send, since old servers refuse a higher one here.
        return new Bytes().u8(22).u16(version == SSL3 ? SSL3 : TLS10).u16(handshake.size())
                .raw(handshake.toByteArray()).toByteArray();
    }

    private Bytes extensions() {
        Bytes out = new Bytes();
        if (host != null) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            out.u16(EXT_SERVER_NAME).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).raw(name);
        }
        if (!groups.isEmpty()) {
            out.u16(EXT_SUPPORTED_GROUPS).u16(groups.size() * 2 + 2).u16(groups.size() * 2);
            groups.forEach(out::u16);
            out.u16(EXT_EC_POINT_FORMATS).u16(2).u8(1).u8(0);
        }
        if (version >= TLS12) {
            out.u16(EXT_SIGNATURE_ALGORITHMS).u16(SIGNATURE_SCHEMES.length * 2 + 2).u16(SIGNATURE_SCHEMES.length * 2);
            for (int scheme : SIGNATURE_SCHEMES) {
                out.u16(scheme);
            }
        }
        if (version == TLS13) {
            out.u16(EXT_SUPPORTED_VERSIONS).u16(3).u8(2).u16(TLS13);
            out.u16(EXT_KEY_SHARE).u16(2).u16(0); // no share: the server says which group it wants
        }
        return out;
    }

    /** An SSLv2 CLIENT-HELLO (the two-byte header form) offering {@code kinds}, three-byte cipher kinds. */
    static byte[] sslv2(List<Integer> kinds) {
        Bytes body = new Bytes().u8(1).u16(0x0002).u16(kinds.size() * 3).u16(0).u16(16);
        for (int kind : kinds) {
            body.u8(kind >> 16).u16(kind & 0xFFFF);
        }
        body.raw(random(16));
        return new Bytes().u8(0x80 | (body.size() >> 8)).u8(body.size() & 0xFF).raw(body.toByteArray()).toByteArray();
    }

    /** No key is derived from a scan's hello, so its random need not be secret; nor is a Random kept in a static (native image). */
    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Big-endian writes. */
    static final class Bytes extends ByteArrayOutputStream {
        Bytes u8(int value) {
            write(value & 0xFF);
            return this;
        }

        Bytes u16(int value) {
            return u8(value >> 8).u8(value);
        }

        Bytes u24(int value) {
            return u8(value >> 16).u16(value & 0xFFFF);
        }

        Bytes raw(byte[] bytes) {
            write(bytes, 0, bytes.length);
            return this;
        }
    }
}
