package io.headprobe.body;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The hashes httpx and Shodan print, so that values can be compared with theirs. */
public final class Hashes {

    private Hashes() {
    }

    public static String sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    public static String md5(byte[] data) {
        return digest("MD5", data);
    }

    /**
     * httpx's {@code -hash mmh3} (common/hashes/hashes.go {@code Mmh3}): MurmurHash3 of the body's base64
     * with a newline after every 76th character and one at the end (so two when the length is a multiple
     * of 76), printed as a signed 32-bit decimal.
     */
    public static String bodyMmh3(byte[] body) {
        // Bytes, not a StringBuilder: this runs on every body read, and a char at a time cost more
        // than the rest of the body's facts together.
        byte[] base64 = Base64.getEncoder().encode(body);
        byte[] lines = new byte[base64.length + base64.length / 76 + 1];
        int at = 0;
        for (int from = 0; from < base64.length; from += 76) {
            int length = Math.min(76, base64.length - from);
            System.arraycopy(base64, from, lines, at, length);
            at += length;
            if (length == 76) {
                lines[at++] = '\n';
            }
        }
        lines[at] = '\n';
        return Integer.toString(murmur3(lines));
    }

    /**
     * Shodan's {@code http.favicon.hash}, which httpx's {@code -favicon} prints too: MurmurHash3 of the
     * base64 in lines of 76 characters each ending in a newline (Python's base64.encodebytes), signed.
     */
    public static String faviconMmh3(byte[] icon) {
        String lines = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(icon) + "\n";
        return Integer.toString(murmur3(lines.getBytes(StandardCharsets.US_ASCII)));
    }

    /** MurmurHash3 x86 32-bit, seed 0. */
    static int murmur3(byte[] data) {
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xFF) | (data[4 * i + 1] & 0xFF) << 8 | (data[4 * i + 2] & 0xFF) << 16
                    | (data[4 * i + 3] & 0xFF) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = 4 * blocks;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xFF) << 16;
            // fall through
            case 2:
                k ^= (data[tail + 1] & 0xFF) << 8;
            // fall through
            case 1:
                k ^= data[tail] & 0xFF;
                h ^= mixK(k);
            // fall through
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static int mixK(int k) {
        return Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is in every JDK", e);
        }
    }
}
