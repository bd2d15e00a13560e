package io.headprobe.probe;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a request header given by a caller (the API, a blackbox module) must look like to go on
 * the wire as given. Netty's header validation refuses a value that starts with a space or tab
 * or holds a control character (DEL too), and its encoders send a character outside ASCII as '?'
 * (or as a Latin-1 byte over HTTP/2); RFC 9110 5.5 also keeps whitespace off a value's end. A
 * value these rules pass is sent exactly as given, on HTTP/1.1 and HTTP/2 alike.
 */
public final class HeaderRules {

    /** RFC 9110 token characters: what a header name may be made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * Headers HeadProbe owns (Host comes from the target, the body is empty, one request per
     * connection) and those HTTP/2 forbids.
     */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "upgrade", "te");

    private HeaderRules() {
    }

    /** True for a name HeadProbe sets itself or HTTP/2 forbids, in any case. */
    public static boolean reserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** True for a name made of RFC 9110 token characters only. */
    public static boolean isName(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /** Why this header can't be sent as given (e.g. "has a control character (U+0001) in its value"), or null. */
    public static String problem(String name, String value) {
        if (!isName(name)) {
            return "is not a valid header name";
        }
        if (value == null) {
            return "has no value";
        }
        if (!value.isEmpty() && (blank(value.charAt(0)) || blank(value.charAt(value.length() - 1)))) {
            return "has a value that starts or ends with a space or tab";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return String.format("has a control character (U+%04X) in its value", (int) c);
            }
            if (c > 0x7e) {
                return String.format("has a character outside ASCII (U+%04X) in its value", (int) c);
            }
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming the header and the problem, e.g. at start-up. */
    public static void check(String name, String value) {
        String problem = problem(name, value);
        if (problem != null) {
            throw new IllegalArgumentException("header '" + name + "' " + problem);
        }
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }
}
