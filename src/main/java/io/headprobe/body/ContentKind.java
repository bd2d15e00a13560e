package io.headprobe.body;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a body is, which decides how far it is read: HTML is parsed, text is decoded, the rest only hashed. */
public enum ContentKind {
    HTML,
    TEXT,
    BINARY;

    private static final int SNIFF_BYTES = 512;

    /** By the Content-Type's media type; with none, by the first bytes. */
    public static ContentKind of(String contentType, byte[] body) {
        String type = mediaType(contentType);
        if (type == null) {
            return sniff(body);
        }
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            return HTML;
        }
        if (type.startsWith("text/") || type.endsWith("+xml") || type.endsWith("/xml") || type.contains("json")
                || type.contains("javascript")) {
            return TEXT;
        }
        return BINARY;
    }

    /** The type/subtype in lower case, without parameters; null when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }

    /** Text when the first bytes hold no NUL and read as UTF-8 (a sequence cut by the window is fine). */
    private static ContentKind sniff(byte[] body) {
        int n = Math.min(body.length, SNIFF_BYTES);
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                return BINARY;
            }
        }
        if (!utf8(body, n)) {
            return BINARY;
        }
        String start = new String(body, 0, n, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("\ufeff")) {
            start = start.substring(1).stripLeading();
        }
        return start.startsWith("<!doctype html") || start.startsWith("<html") ? HTML : TEXT;
    }

    private static boolean utf8(byte[] body, int n) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // endOfInput false: a character split by the window's end is left undecoded, not malformed.
        return !decoder.decode(ByteBuffer.wrap(body, 0, n), CharBuffer.allocate(n), false).isError();
    }
}
