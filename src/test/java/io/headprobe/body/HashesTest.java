package io.headprobe.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.common.hash.Hashing;

/** Every hash against a value computed without the project's code. */
class HashesTest {

    @Test
    void murmur3MatchesPublishedVectors() {
        // Python's mmh3 package and the reference C++ code agree on these (seed 0, signed).
        assertEquals(0, Hashes.murmur3(new byte[0]));
        assertEquals(613153351, Hashes.murmur3(ascii("hello")));
        assertEquals(-156908512, Hashes.murmur3(ascii("foo")));
        assertEquals(0x2e4ff723, Hashes.murmur3(ascii("The quick brown fox jumps over the lazy dog")));
    }

    @Test
    void murmur3MatchesGuavaAndPythonForEveryTailLength() {
        Random random = new Random(22);
        for (int length = 0; length < 40; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            int expected = Hashing.murmur3_32_fixed().hashBytes(data).asInt();
            assertEquals(expected, Hashes.murmur3(data), "length " + length);
            if (length % 8 == 5) {
                assertEquals(expected, PythonMmh3.raw(data), "python, length " + length);
            }
        }
    }

    @Test
    void bodyMmh3IsHttpxHashOfTheBase64Lines() {
        for (int length : new int[] {0, 1, 56, 57, 58, 114, 1000}) {
            byte[] body = bytes(length);
            assertEquals(PythonMmh3.httpxBody(body), Hashes.bodyMmh3(body), "length " + length);
        }
    }

    @Test
    void faviconMmh3IsShodansHash() {
        for (int length : new int[] {1, 56, 57, 58, 114, 1150}) {
            byte[] icon = bytes(length);
            assertEquals(PythonMmh3.favicon(icon), Hashes.faviconMmh3(icon), "length " + length);
        }
    }

    @Test
    void bodyAndFaviconHashesDifferWhereHttpxDoes() {
        // 57 bytes are exactly one 76-character line: httpx's body hash ends it with two newlines.
        byte[] body = bytes(57);
        assertNotEquals(Hashes.faviconMmh3(body), Hashes.bodyMmh3(body));
        assertEquals(Hashes.faviconMmh3(bytes(58)), Hashes.bodyMmh3(bytes(58)));
    }

    @Test
    void sha256AndMd5AreHexOfTheJdkDigest() throws Exception {
        byte[] data = bytes(300);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), Hashes.sha256(data));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashes.sha256(new byte[0]));
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Hashes.md5(new byte[0]));
    }

    static byte[] bytes(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
