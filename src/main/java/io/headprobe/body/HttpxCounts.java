package io.headprobe.body;

import java.nio.charset.StandardCharsets;

/**
 * httpx's word and line counts (common/httpx/httpx.go), kept exactly so that {@code -wc}/{@code -lc}
 * filters carry over: words are the pieces of the body split on single spaces, lines the pieces of the
 * body with surrounding white space trimmed (Go's strings.TrimSpace) split on "\n"; both 0 for an empty
 * body. httpx counts the bytes of any body, text or not, and so does this.
 */
public final class HttpxCounts {

    private HttpxCounts() {
    }

    public static int words(byte[] body) {
        if (body.length == 0) {
            return 0;
        }
        int words = 1;
        for (byte b : body) {
            if (b == ' ') {
                words++;
            }
        }
        return words;
    }

    public static int lines(byte[] body) {
        if (body.length == 0) {
            return 0;
        }
        // Go trims Unicode white space read as UTF-8; invalid bytes are never space, as U+FFFD here is not.
        String text = new String(body, StandardCharsets.UTF_8);
        int start = 0;
        int end = text.length();
        while (start < end && goSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && goSpace(text.charAt(end - 1))) {
            end--;
        }
        int lines = 1;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Go's unicode.IsSpace (all of it lies in the Basic Multilingual Plane). */
    private static boolean goSpace(char c) {
        return c >= '\t' && c <= '\r' || c == ' ' || c == '\u0085' || c == '\u00a0' || c == '\u1680'
                || c >= '\u2000' && c <= '\u200a' || c == '\u2028' || c == '\u2029' || c == '\u202f'
                || c == '\u205f' || c == '\u3000';
    }
}
