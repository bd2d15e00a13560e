package io.headprobe.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The JavaScript string operations Observatory applies to header values, so that edge cases grade
 * as they do there. Java's own differ at the edges: {@code strip()} keeps a no-break space (which a
 * Latin-1 header value may end in) that JavaScript's {@code trim()} removes, {@code trim()} removes
 * control characters JavaScript keeps, and {@code String.split} drops trailing empty strings.
 */
final class JsString {

    private JsString() {
    }

    /** JavaScript's WhiteSpace and LineTerminator: what both trim() and the regex class \s match. */
    static boolean isWhitespace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
                    '\u3000', '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** {@code value.trim()}. */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /** {@code value.slice(0, length)}: at most the first {@code length} UTF-16 units. */
    static String slice(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    /** {@code value.trim().split(/\s+/)} without its one quirk: an all-white string gives no words, not [""]. */
    static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            while (i < value.length() && isWhitespace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < value.length() && !isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(value.substring(start, i));
            }
        }
        return words;
    }
}
