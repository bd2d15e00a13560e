package io.headprobe.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a header value as an RFC 8941 structured field item and answers its bare item when that is
 * a token, as Observatory's parseStructuredFieldToken does (for COOP and COEP): a value that does
 * not parse as a whole is ignored rather than partly honoured, and a quoted string is no policy.
 * Parameters (such as {@code report-to}) are parsed only to validate them.
 *
 * <p>Validation follows the structured-headers package Observatory uses (2.0.3), including the
 * RFC 9651 date ({@code @}) and display string ({@code %"}) bare items and its quirks: a date runs to
 * the end of the input, and a byte sequence is accepted whenever the browser's {@code atob} accepts it.
 */
final class StructuredFieldToken {

    private final String input;
    private int pos;

    private StructuredFieldToken(String input) {
        this.input = input;
    }

    /** The token that is {@code value}'s bare item, or null when value is not an item or not a token. */
    static String parse(String value) {
        StructuredFieldToken parser = new StructuredFieldToken(value);
        parser.skipSpaces();
        int start = parser.pos;
        boolean token = parser.peekIsTokenStart();
        if (!parser.bareItem()) {
            return null;
        }
        int end = parser.pos;
        if (!parser.parameters()) {
            return null;
        }
        parser.skipSpaces();
        return token && parser.atEnd() ? value.substring(start, end) : null;
    }

    private boolean bareItem() {
        if (atEnd()) {
            return false;
        }
        char c = input.charAt(pos);
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (peekIsTokenStart()) {
            pos++;
            while (!atEnd() && isTokenChar(input.charAt(pos))) {
                pos++;
            }
            return true;
        }
        return switch (c) {
            case '"' -> string();
            case ':' -> byteSequence();
            case '?' -> bool();
            case '@' -> date();
            case '%' -> displayString();
            default -> false;
        };
    }

    private boolean parameters() {
        while (!atEnd() && input.charAt(pos) == ';') {
            pos++;
            skipSpaces();
            if (atEnd() || !isKeyStart(input.charAt(pos))) {
                return false;
            }
            while (!atEnd() && isKeyChar(input.charAt(pos))) {
                pos++;
            }
            if (!atEnd() && input.charAt(pos) == '=') {
                pos++;
                if (!bareItem()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** An integer of at most 15 digits or a decimal of at most 12 + 3 digits. */
    private boolean number() {
        if (input.charAt(pos) == '-') {
            pos++;
        }
        if (atEnd() || !isDigit(input.charAt(pos))) {
            return false;
        }
        int integerDigits = 0;
        int fractionDigits = -1; // -1 until the decimal point
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (isDigit(c) && fractionDigits < 0) {
                integerDigits++;
            } else if (isDigit(c)) {
                fractionDigits++;
            } else if (c == '.' && fractionDigits < 0) {
                if (integerDigits > 12) {
                    return false;
                }
                fractionDigits = 0;
            } else {
                break;
            }
            pos++;
            if (fractionDigits < 0 ? integerDigits > 15 : integerDigits + 1 + fractionDigits > 16) {
                return false;
            }
        }
        return fractionDigits < 0 || (fractionDigits >= 1 && fractionDigits <= 3);
    }

    /** A quoted string of printable ASCII, where a backslash escapes only a quote or a backslash. */
    private boolean string() {
        pos++;
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return true;
            }
            if (c == '\\') {
                if (atEnd()) {
                    return false;
                }
                char escaped = input.charAt(pos++);
                if (escaped != '"' && escaped != '\\') {
                    return false;
                }
            } else if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return false;
    }

    /** Base64 between colons, accepted as atob accepts it: padding optional, but only a trailing "=" or "==". */
    private boolean byteSequence() {
        pos++;
        int end = input.indexOf(':', pos);
        if (end < 0) {
            return false;
        }
        String base64 = input.substring(pos, end);
        pos = end + 1;
        if (!base64.chars().allMatch(c -> isAlphanumeric(c) || c == '+' || c == '/' || c == '=')) {
            return false;
        }
        String data = base64.endsWith("==") ? base64.substring(0, base64.length() - 2)
                : base64.endsWith("=") ? base64.substring(0, base64.length() - 1) : base64;
        boolean padded = data.length() < base64.length();
        return data.indexOf('=') < 0 && data.length() % 4 != 1 && (!padded || base64.length() % 4 == 0);
    }

    private boolean bool() {
        pos++;
        if (atEnd()) {
            return false;
        }
        char c = input.charAt(pos++);
        return c == '0' || c == '1';
    }

    /** "@", an optional minus and at most 15 digits, which the package requires to end the input. */
    private boolean date() {
        pos++;
        if (!atEnd() && input.charAt(pos) == '-') {
            pos++;
        }
        int digits = input.length() - pos;
        boolean valid = digits > 0 && digits <= 15 && input.substring(pos).chars().allMatch(StructuredFieldToken::isDigit);
        pos = input.length();
        return valid;
    }

    /**
     * {@code %"}, then characters and lower-case {@code %xx} escapes making UTF-8, then {@code "}. As in
     * the package, a character above U+00FF is kept as its low byte.
     */
    private boolean displayString() {
        if (!input.startsWith("%\"", pos)) {
            return false;
        }
        pos += 2;
        ByteBuffer bytes = ByteBuffer.allocate(input.length());
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c <= 0x1F || (c >= 0x7F && c <= 0xFF)) {
                return false;
            }
            if (c == '"') {
                return isUtf8(bytes.flip());
            }
            if (c == '%') {
                if (pos + 2 > input.length() || !isLowerHex(input.charAt(pos)) || !isLowerHex(input.charAt(pos + 1))) {
                    return false;
                }
                bytes.put((byte) Integer.parseInt(input.substring(pos, pos + 2), 16));
                pos += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        return false;
    }

    private static boolean isUtf8(ByteBuffer bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private boolean peekIsTokenStart() {
        return !atEnd() && (isAlpha(input.charAt(pos)) || input.charAt(pos) == '*');
    }

    private void skipSpaces() {
        while (!atEnd() && input.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private static boolean isTokenChar(char c) {
        return isAlphanumeric(c) || ":/!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isKeyStart(char c) {
        return (c >= 'a' && c <= 'z') || c == '*';
    }

    private static boolean isKeyChar(char c) {
        return isKeyStart(c) || isDigit(c) || "_-.".indexOf(c) >= 0;
    }

    private static boolean isLowerHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f');
    }

    private static boolean isAlphanumeric(int c) {
        return isAlpha(c) || isDigit(c);
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
