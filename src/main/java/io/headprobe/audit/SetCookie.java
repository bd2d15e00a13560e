package io.headprobe.audit;

import java.util.Locale;

/**
 * One Set-Cookie line read the way tough-cookie 5 (the library behind Observatory's cookie jar)
 * reads it in its default, strict mode. Only what the cookie test looks at is kept; Expires and
 * Max-Age are not, because Observatory grades every cookie left in the jar, expired or not.
 *
 * @param domain   the Domain attribute, lower case and without its leading dot, or null; once in
 *                 the jar, the domain the cookie belongs to
 * @param path     the Path attribute when it starts with "/", else null; once in the jar, the path
 *                 the cookie belongs to
 * @param sameSite "strict", "lax" or "none"; null when absent or any other value
 */
record SetCookie(String name, String domain, String path, boolean secure, boolean httpOnly, String sameSite) {

    /** The cookie, or null when tough-cookie refuses the line. */
    static SetCookie parse(String line) {
        String trimmed = line.strip();
        int semicolon = trimmed.indexOf(';');
        String pair = cutAtTerminator(semicolon < 0 ? trimmed : trimmed.substring(0, semicolon));
        int equals = pair.indexOf('=');
        // Strict mode wants a name: no "=" at all, or "=" first, and the line is dropped.
        if (equals <= 0) {
            return null;
        }
        String name = pair.substring(0, equals).strip();
        String value = pair.substring(equals + 1).strip();
        if (hasControlCharacter(name) || hasControlCharacter(value)) {
            return null;
        }
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        String attributes = semicolon < 0 ? "" : trimmed.substring(semicolon + 1);
        for (String attribute : attributes.split(";")) {
            int separator = attribute.indexOf('=');
            String key = (separator < 0 ? attribute : attribute.substring(0, separator)).strip().toLowerCase(Locale.ROOT);
            String argument = separator < 0 ? "" : attribute.substring(separator + 1).strip();
            // A later attribute overrides an earlier one; "Secure=no" still sets Secure.
            switch (key) {
                case "domain" -> {
                    String stripped = argument.startsWith(".") ? argument.substring(1) : argument;
                    if (!stripped.isEmpty()) {
                        domain = stripped.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = argument.startsWith("/") ? argument : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = switch (argument.toLowerCase(Locale.ROOT)) {
                    case "strict", "lax", "none" -> argument.toLowerCase(Locale.ROOT);
                    default -> null;
                };
                default -> {
                    // Expires, Max-Age and unknown attributes do not change the grade.
                }
            }
        }
        return new SetCookie(name, domain, path, secure, httpOnly, sameSite);
    }

    /** The cookie as the jar keeps it: host-only cookies get the host, cookies without a path a default one. */
    SetCookie scopedTo(String domain, String path) {
        return new SetCookie(name, domain, path, secure, httpOnly, sameSite);
    }

    /** tough-cookie ends the name=value pair at the first CR, LF or NUL. */
    private static String cutAtTerminator(String pair) {
        for (char terminator : new char[] { '\n', '\r', '\0' }) {
            int at = pair.indexOf(terminator);
            if (at >= 0) {
                pair = pair.substring(0, at);
            }
        }
        return pair;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20);
    }
}
