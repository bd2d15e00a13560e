package io.headprobe.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.headprobe.body.Decoding.Decoded;

/**
 * Compressed bodies made by the JDK's encoders (gzip, zlib, raw deflate) and brotli streams published
 * with Google's decoder (java/org/brotli/dec/DecodeTest.java in google/brotli), decoded under a cap.
 */
class DecodingTest {

    static final String FOX = "The quick brown fox jumps over the lazy dog";
    static final byte[] FOX_BR = latin1("\u001B*\u0000\u0000\u0004\u0004\u00BAF:\u0085\u0003\u00E9\u00FA\f\u0091\u0002H"
            + "\u0011,\u00F3\u008A:\u00A3V\u007F\u001A\u00AE\u00BF\u00A4\u00AB\u008EM\u00BF\u00ED\u00E2\u0004K"
            + "\u0091\u00FF\u0087\u00E9\u001E");
    static final String UKKO = "ukko nooa, ukko nooa oli kunnon mies, kun han meni saunaan, "
            + "pisti laukun naulaan, ukko nooa, ukko nooa oli kunnon mies.";
    static final byte[] UKKO_BR = latin1("\u001Bv\u0000\u0000\u0014J\u00AC\u009Bz\u00BD\u00E1\u0097\u009D\u007F\u008E"
            + "\u00C2\u00826\u000E\u009C\u00E0\u0090\u0003\u00F7\u008B\u009E8\u00E6\u00B6\u0000\u00AB\u00C3\u00CA"
            + "\u00A0\u00C2\u00DAf6\u00DC\u00CD\u0080\u008D.!\u00D7n\u00E3\u00EAL\u00B8\u00F0\u00D2"
            + "\u00B8\u00C7\u00C2pM:\u00F0i~\u00A1\u00B8Es\u00AB\u00C4W\u001E");
    static final byte[] X64_BR = latin1("\u001B?\u0000\u0000$\u00B0\u00E2\u0099\u0080\u0012");

    private static final int CAP = 64 * 1024;

    @Test
    void identityIsCopiedUpToTheCap() {
        byte[] body = utf8("plain body");
        for (String coding : new String[] {null, "", "identity", " Identity "}) {
            Decoded decoded = Decoding.decode(body, body.length, coding, CAP);
            assertArrayEquals(body, decoded.bytes());
            assertNull(decoded.coding());
            assertNull(decoded.error());
            assertFalse(decoded.capped());
        }
        Decoded capped = Decoding.decode(body, body.length, null, 5);
        assertEquals("plain", text(capped));
        assertTrue(capped.capped());
    }

    @Test
    void gzipAndXGzipAreDecoded() throws IOException {
        byte[] gzip = gzip(utf8(UKKO));
        for (String coding : new String[] {"gzip", "x-gzip", "GZIP"}) {
            Decoded decoded = Decoding.decode(gzip, gzip.length, coding, CAP);
            assertEquals(UKKO, text(decoded));
            assertEquals(coding.toLowerCase(), decoded.coding());
            assertNull(decoded.error());
            assertFalse(decoded.capped());
        }
    }

    @Test
    void concatenatedGzipMembersAreOneBody() throws IOException {
        byte[] both = concat(gzip(utf8("first ")), gzip(utf8("second")));
        assertEquals("first second", text(Decoding.decode(both, both.length, "gzip", CAP)));
    }

    @Test
    void deflateIsReadZlibWrappedOrRaw() throws IOException {
        byte[] zlib = deflate(utf8(UKKO), false);
        byte[] raw = deflate(utf8(UKKO), true);
        assertEquals(0x78, zlib[0] & 0xFF, "a zlib header");
        assertEquals(UKKO, text(Decoding.decode(zlib, zlib.length, "deflate", CAP)));
        Decoded fromRaw = Decoding.decode(raw, raw.length, "deflate", CAP);
        assertEquals(UKKO, text(fromRaw));
        assertNull(fromRaw.error());
    }

    @Test
    void brotliIsDecoded() {
        assertEquals(FOX, text(Decoding.decode(FOX_BR, FOX_BR.length, "br", CAP)));
        Decoded ukko = Decoding.decode(UKKO_BR, UKKO_BR.length, "br", CAP);
        assertEquals(UKKO, text(ukko));
        assertEquals("br", ukko.coding());
        assertNull(ukko.error());
        Decoded x64 = Decoding.decode(X64_BR, X64_BR.length, "br", 10);
        assertEquals("X".repeat(10), text(x64));
        assertTrue(x64.capped());
    }

    @Test
    void gzipBombStopsAtTheCapWithoutInflatingTheRest() throws IOException {
        byte[] bomb = gzipOfZeros(100L * 1024 * 1024);
        assertTrue(bomb.length < 200 * 1024, "100 MB of zeros is a small gzip: " + bomb.length);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Decoded decoded = Decoding.decode(bomb, bomb.length, "gzip", CAP);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(CAP, decoded.bytes().length);
        assertTrue(decoded.capped());
        assertNull(decoded.error());
        assertArrayEquals(new byte[CAP], decoded.bytes());
        // The cap, its copies while growing, and the decoder's buffers: nowhere near the 100 MB inside.
        assertTrue(allocated < 1024 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void rawCutByTheFetchersCapStillDecodesUpToTheCap() throws IOException {
        byte[] bomb = gzipOfZeros(10L * 1024 * 1024);
        Decoded decoded = Decoding.decode(bomb, 1024, "gzip", CAP);
        assertEquals(CAP, decoded.bytes().length, "1 KiB of this gzip is far more than 64 KiB of zeros");
        assertTrue(decoded.capped());
        assertNull(decoded.error());
    }

    @Test
    void truncatedStreamsGiveWhatDecodedSoFarWithoutError() throws IOException {
        String text = "0123456789 ".repeat(2000);
        for (byte[] compressed : new byte[][] {gzip(utf8(text)), deflate(utf8(text), false), deflate(utf8(text), true)}) {
            String coding = compressed[0] == 0x1f ? "gzip" : "deflate";
            Decoded decoded = Decoding.decode(compressed, compressed.length / 2, coding, CAP);
            assertNull(decoded.error(), coding);
            assertFalse(decoded.capped());
            assertTrue(decoded.bytes().length > 0, coding + ": something decoded");
            assertTrue(decoded.bytes().length < text.length(), coding + ": not all of it");
            assertTrue(text.startsWith(text(decoded)), coding + ": a prefix of the body");
        }
        byte[] gzipHeaderOnly = Arrays.copyOf(gzip(utf8(text)), 5);
        Decoded headerCut = Decoding.decode(gzipHeaderOnly, 5, "gzip", CAP);
        assertEquals(0, headerCut.bytes().length);
        assertNull(headerCut.error());
    }

    @Test
    void truncatedBrotliGivesOnlyRealOutput() {
        for (int cut = 0; cut < UKKO_BR.length; cut++) {
            Decoded decoded = Decoding.decode(UKKO_BR, cut, "br", CAP);
            assertTrue(UKKO.startsWith(text(decoded)), "cut at " + cut + ": " + text(decoded));
            assertFalse(decoded.capped());
        }
        Decoded late = Decoding.decode(UKKO_BR, 60, "br", CAP);
        assertTrue(late.bytes().length > 50, "most of it decoded: " + text(late));
        assertNull(late.error());
    }

    @Test
    void corruptDataGivesWhatDecodedAndAnError() throws IOException {
        byte[] notGzip = utf8("<html>not compressed at all</html>");
        Decoded decoded = Decoding.decode(notGzip, notGzip.length, "gzip", CAP);
        assertEquals(0, decoded.bytes().length);
        assertEquals("corrupt gzip body: Not in GZIP format", decoded.error());

        byte[] second = gzip(utf8("second"));
        second[10] |= 0x06; // the first deflate block's type becomes 3, which is reserved
        byte[] corruptAfterGood = concat(gzip(utf8("first ")), second);
        Decoded partly = Decoding.decode(corruptAfterGood, corruptAfterGood.length, "gzip", CAP);
        assertEquals("first ", text(partly));
        assertEquals("corrupt gzip body: invalid block type", partly.error());

        byte[] badBr = FOX_BR.clone();
        badBr[8] ^= 0x55;
        Decoded br = Decoding.decode(badBr, badBr.length, "br", CAP);
        assertNotNull(br.error());
        assertTrue(br.error().startsWith("corrupt br body: "), br.error());
        assertTrue(FOX.startsWith(text(br)));
    }

    @Test
    void unknownOrStackedCodingsGiveTheRawBytesAndAnError() throws IOException {
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3};
        Decoded decoded = Decoding.decode(zstd, zstd.length, "zstd", CAP);
        assertArrayEquals(zstd, decoded.bytes());
        assertEquals("zstd", decoded.coding());
        assertEquals("unsupported content coding: zstd", decoded.error());
        assertFalse(Decoding.supports("zstd"));

        byte[] gzip = gzip(utf8("x"));
        assertEquals("unsupported content coding: gzip, br", Decoding.decode(gzip, gzip.length, "gzip, br", CAP).error());
        assertTrue(Decoding.supports("br"));
        assertTrue(Decoding.supports(null));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (OutputStream deflate = new DeflaterOutputStream(out, deflater)) {
            deflate.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** Streams the zeros through the compressor: the test never holds the uncompressed body either. */
    static byte[] gzipOfZeros(long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[64 * 1024];
        try (OutputStream gzip = new GZIPOutputStream(out, zeros.length)) {
            for (long written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String text(Decoded decoded) {
        return new String(decoded.bytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
