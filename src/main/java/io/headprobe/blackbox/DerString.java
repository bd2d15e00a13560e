package io.headprobe.blackbox;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of a DER-encoded ASN.1 string, as Go's x509 parser reads a name attribute: the string
 * types a certificate may use (UTF8String, PrintableString, IA5String, NumericString, T61String,
 * BMPString, UniversalString). The JDK writes attributes it has no keyword for as {@code #hex}.
 */
final class DerString {

    private DerString() {
    }

    static String decode(byte[] der) {
        if (der.length < 2) {
            throw new IllegalArgumentException("too short for DER");
        }
        int length = der[1] & 0xff;
        int offset = 2;
        if (length >= 0x80) {
            int bytes = length & 0x7f;
            if (bytes == 0 || bytes > 3 || der.length < 2 + bytes) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = length << 8 | der[2 + i] & 0xff;
            }
            offset = 2 + bytes;
        }
        if (offset + length != der.length) {
            throw new IllegalArgumentException("DER length mismatch");
        }
        byte[] content = Arrays.copyOfRange(der, offset, der.length);
        return new String(content, charset(der[0]));
    }

    private static Charset charset(byte tag) {
        return switch (tag) {
            case 0x0c -> StandardCharsets.UTF_8;
            case 0x12, 0x13, 0x16 -> StandardCharsets.US_ASCII;
            case 0x14 -> StandardCharsets.ISO_8859_1;
            case 0x1e -> StandardCharsets.UTF_16BE;
            case 0x1c -> Charset.forName("UTF-32BE");
            default -> throw new IllegalArgumentException("not a string type: " + tag);
        };
    }
}
