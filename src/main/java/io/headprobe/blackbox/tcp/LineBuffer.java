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
    /** Where the unused bytes start: lines are taken by moving it, and the array is compacted only when more comes. */
    private int start;

    void add(byte[] more) {
        byte[] joined = new byte[bytes.length - start + more.length];
        System.arraycopy(bytes, start, joined, 0, bytes.length - start);
        System.arraycopy(more, 0, joined, bytes.length - start, more.length);
        bytes = joined;
        start = 0;
    }

    /** Whether more is kept than a line may hold: once the steps took what they could, the peer sent too much. */
    boolean overfull() {
        return bytes.length - start > MAX_LINE;
    }

    /** The next line, or null when none is complete yet; at the end, what is left is the last line. */
    String nextLine(boolean ended) {
        int end = indexOfLineFeed();
        if (end < 0) {
            if (!ended || start == bytes.length) {
                return null;
            }
            end = bytes.length;
        }
        int length = end > start && bytes[end - 1] == '\r' ? end - 1 - start : end - start;
        String line = new String(bytes, start, length, StandardCharsets.UTF_8);
        start = Math.min(end + 1, bytes.length);
        return line;
    }

    /** The next {@code count} bytes, or null until that many have come. */
    byte[] take(int count) {
        if (bytes.length - start < count) {
            return null;
        }
        byte[] taken = Arrays.copyOfRange(bytes, start, start + count);
        start += count;
        return taken;
    }

    /** A TLS upgrade starts a new reader, as in blackbox: what the plain connection still held is gone. */
    void clear() {
        bytes = new byte[0];
        start = 0;
    }

    private int indexOfLineFeed() {
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
