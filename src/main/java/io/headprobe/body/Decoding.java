package io.headprobe.body;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.brotli.dec.BrotliInputStream;

/**
 * Undoes a response's Content-Encoding, never producing more than {@code cap} bytes: a compression bomb
 * stops at the cap, and memory stays near the cap whatever the stream claims. Blocking work: call it off
 * the event loop.
 */
public final class Decoding {

    private static final int CHUNK = 8192;
    /** org.brotli:dec drops the output of a read() that fails: small reads keep all but the last few bytes. */
    private static final int BROTLI_STEP = 64;
    private static final Set<String> SUPPORTED = Set.of("gzip", "x-gzip", "deflate", "br");

    private Decoding() {
    }

    /**
     * The decoded body. {@code capped}: more would have come past {@code cap}. {@code coding}: the content
     * coding undone (null for identity). {@code error}: why decoding stopped early, null when the stream was
     * whole or only cut short (the raw read hit its cap or the timeout: what decoded so far is kept).
     */
    public record Decoded(byte[] bytes, boolean capped, String coding, String error) {
    }

    public static Decoded decode(byte[] raw, int length, String contentEncoding, int cap) {
        String coding = coding(contentEncoding);
        if (coding == null) {
            return new Decoded(Arrays.copyOf(raw, Math.min(length, cap)), length > cap, null, null);
        }
        if (!SUPPORTED.contains(coding)) {
            // Still hashed: the raw bytes identify the answer even when they cannot be read.
            return new Decoded(Arrays.copyOf(raw, Math.min(length, cap)), length > cap, coding,
                    "unsupported content coding: " + coding);
        }
        return coding.equals("br") ? brotli(raw, length, cap) : inflate(raw, length, coding, cap);
    }

    /** Whether {@link #decode} can undo this Content-Encoding (identity included). */
    public static boolean supports(String contentEncoding) {
        String coding = coding(contentEncoding);
        return coding == null || SUPPORTED.contains(coding);
    }

    /** The one coding to undo, null for identity. Several codings (gzip, br) are refused as one unknown. */
    private static String coding(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String value = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return value.isEmpty() || value.equals("identity") ? null : value;
    }

    private static Decoded inflate(byte[] raw, int length, String coding, int cap) {
        try (InputStream in = coding.equals("deflate") ? deflate(raw, length) : gzip(raw, length)) {
            return read(in, coding, cap, CHUNK);
        } catch (IOException e) {
            // A gzip header cut short or not gzip at all: nothing decoded.
            return failed(e, coding);
        }
    }

    /** GZIPInputStream reads concatenated members as one body, as browsers do. */
    private static InputStream gzip(byte[] raw, int length) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(raw, 0, length), CHUNK);
    }

    /**
     * "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate; browsers accept both,
     * so a stream without a zlib header is read as raw deflate.
     */
    private static InputStream deflate(byte[] raw, int length) {
        boolean zlib = length >= 2 && (raw[0] & 0x0F) == 8 && (((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF)) % 31 == 0;
        return new InflaterInputStream(new ByteArrayInputStream(raw, 0, length), new Inflater(!zlib), CHUNK) {
            @Override
            public void close() throws IOException {
                super.close();
                inf.end(); // an Inflater passed in is not ended by close(): free its native memory now
            }
        };
    }

    /**
     * org.brotli:dec 0.1.2 pads a stream that ends early with zeros and decodes some of that padding before
     * it fails, so its output then ends in made-up bytes. Decoding once more with other padding shows where
     * the real output stops (the common prefix); when the padding changed nothing the stream failed before
     * its end, so it is corrupt rather than cut short. Memory: besides the cap, the decoder holds the window
     * the stream asks for, up to 16 MiB (brotli's largest), whatever the cap.
     */
    private static Decoded brotli(byte[] raw, int length, int cap) {
        Decoded first = readBrotli(raw, length, cap);
        if (first.error() == null) {
            return first;
        }
        byte[] padded = Arrays.copyOf(raw, length + 64);
        Arrays.fill(padded, length, padded.length, (byte) 0xFF);
        Decoded second = readBrotli(padded, padded.length, cap);
        int common = Arrays.mismatch(first.bytes(), second.bytes());
        if (common < 0) {
            return first;
        }
        return new Decoded(Arrays.copyOf(first.bytes(), common), false, "br", null);
    }

    private static Decoded readBrotli(byte[] raw, int length, int cap) {
        try (InputStream in = new BrotliInputStream(new ByteArrayInputStream(raw, 0, length))) {
            return read(in, "br", cap, BROTLI_STEP);
        } catch (IOException | RuntimeException e) {
            return failed(e, "br");
        }
    }

    /**
     * Reads at most {@code cap} bytes, {@code step} at a time, then one more to learn whether the body went
     * on. The buffer grows by doubling up to the cap, never past it. An EOFException is a stream cut short: what came is kept.
     */
    private static Decoded read(InputStream in, String coding, int cap, int step) {
        byte[] out = new byte[Math.min(cap, CHUNK)];
        int n = 0;
        try {
            while (n < cap) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(cap, 2L * out.length));
                }
                int r = in.read(out, n, Math.min(step, out.length - n));
                if (r < 0) {
                    return new Decoded(Arrays.copyOf(out, n), false, coding, null);
                }
                n += r;
            }
            return new Decoded(out, in.read() >= 0, coding, null);
        } catch (EOFException e) {
            return new Decoded(Arrays.copyOf(out, n), false, coding, null);
        } catch (IOException | RuntimeException e) {
            return new Decoded(Arrays.copyOf(out, n), false, coding, message(e, coding));
        }
    }

    private static Decoded failed(Exception e, String coding) {
        if (e instanceof EOFException) {
            return new Decoded(new byte[0], false, coding, null);
        }
        return new Decoded(new byte[0], false, coding, message(e, coding));
    }

    private static String message(Exception e, String coding) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "corrupt " + coding + " body: " + Objects.requireNonNullElse(cause.getMessage(), cause.toString());
    }
}
