package io.headprobe.audit;

/**
 * The two JavaScript string operations Observatory applies to header values before comparing
 * them, so that edge cases grade as they do there. Java's {@code trim()} and {@code strip()} each
 * disagree with JavaScript's {@code trim()}: a header value decoded as Latin-1 may end in U+00A0,
 * which JavaScript strips and Java's {@code strip()} keeps, while {@code trim()} strips control
 * characters JavaScript keeps.
 */
final class JsString {

    private JsString() {
    }

    /** JavaScript's {@code value.trim()}: strips ECMAScript WhiteSpace and LineTerminator characters. */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /** JavaScript's {@code value.slice(0, length)}: at most the first {@code length} UTF-16 units. */
    static String slice(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    private static boolean isWhiteSpace(char c) {
        return switch (c) {
            // TAB, LF, VT, FF, CR, NBSP, LS, PS, ZWNBSP (BOM)
            case '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2028', '\u2029', '\uFEFF' -> true;
            // the remaining Unicode Space_Separator characters: SPACE, OGHAM, EN QUAD .. HAIR SPACE, NNBSP, MMSP, IDEOGRAPHIC
            default -> Character.getType(c) == Character.SPACE_SEPARATOR;
        };
    }
}
