package io.headprobe.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The few JavaScript string operations Observatory's rules lean on. Java's own differ at the
 * edges (strip() keeps a no-break space that JavaScript's trim() removes; String.split drops
 * trailing empty strings), and a value trimmed differently is a value graded differently.
 */
final class JsText {

    private JsText() {
    }

    /** JavaScript's WhiteSpace and LineTerminator, what both trim() and the regex class \s match. */
    static boolean isWhitespace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
                    '\u3000', '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** String.prototype.trim(). */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** s.trim().split(/\s+/) without its one quirk: an all-white string gives no words, not [""]. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }
}
