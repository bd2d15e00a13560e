package io.headprobe.blackbox.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes a peer sent that no step has used yet, taken as Go's bufio.Scanner takes them for
 * blackbox: lines end at a line feed, a carriage return before it is dropped, and a last line
 * without one counts once the peer has closed. At most {@link #MAX_LINE} bytes wait for a line
 * feed (bufio.MaxScanTokenSize), so a peer that never sends one costs no more than that.
 */
final class LineBuffer {

    static final int MAX_LINE = 64 * 1024;

    private byte[] bytes = new byte[0];

    void add(byte[] more) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + more.length);
        System.arraycopy(more, 0, joined, bytes.length, more.length);
        bytes = joined;
    }

    /** Whether more is kept than a line may hold: once the steps took what they could, the peer sent too much. */
    boolean overfull() {
        return bytes.length > MAX_LINE;
    }

    /** The next line, or null when none is complete yet; at the end, what is left is the last line. */
    String nextLine(boolean ended) {
        int end = indexOfLineFeed();
        if (end < 0) {
            if (!ended || bytes.length == 0) {
                return null;
            }
            end = bytes.length;
        }
        int length = end > 0 && bytes[end - 1] == '\r' ? end - 1 : end;
        String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
        bytes = Arrays.copyOfRange(bytes, Math.min(end + 1, bytes.length), bytes.length);
        return line;
    }

    /** The next {@code count} bytes, or null until that many have come. */
    byte[] take(int count) {
        if (bytes.length < count) {
            return null;
        }
        byte[] taken = Arrays.copyOf(bytes, count);
        bytes = Arrays.copyOfRange(bytes, count, bytes.length);
        return taken;
    }

    /** A TLS upgrade starts a new reader, as in blackbox: what the plain connection still held is gone. */
    void clear() {
        bytes = new byte[0];
    }

    private int indexOfLineFeed() {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
