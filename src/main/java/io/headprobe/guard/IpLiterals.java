package io.headprobe.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads IP address literals the way the most permissive parsers do (inet_aton), so that
 * {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1} and {@code 127.1} are all seen for
 * what a resolver would make of them: 127.0.0.1. Never does a DNS lookup.
 */
public final class IpLiterals {

    // Compiled once: every target and every redirect hop is parsed (String.matches compiles each time).
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    /** The address that {@code host} spells, or empty when it is a name (or not an address at all). */
    public static Optional<InetAddress> parse(String host) {
        String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (text.contains(":")) {
            return ipv6(text);
        }
        if (!looksNumeric(text)) {
            return Optional.empty();
        }
        return ipv4(text);
    }

    /** True when every dot-separated part is a number (decimal, 0x-hex or 0-octal): an IPv4 spelling. */
    public static boolean looksNumeric(String host) {
        // Scanned in place, not split and matched: every target and every hop asks (twice).
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        if (end == 0) {
            return false;
        }
        for (int start = 0; start <= end;) {
            int dot = host.indexOf('.', start);
            int partEnd = dot < 0 || dot > end ? end : dot;
            if (!isNumberPart(host, start, partEnd)) {
                return false;
            }
            start = partEnd + 1;
        }
        return true;
    }

    /** {@code 0x} and hex digits (maybe none), or decimal digits: ASCII only, as inet_aton reads them. */
    private static boolean isNumberPart(String text, int from, int to) {
        boolean hex = to - from >= 2 && text.charAt(from) == '0' && (text.charAt(from + 1) | 0x20) == 'x';
        if (!hex && from == to) {
            return false;
        }
        for (int i = hex ? from + 2 : from; i < to; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static Optional<InetAddress> ipv4(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        // inet_aton: a.b.c.d, a.b.c (c fills 16 bits), a.b (b fills 24 bits), a (32 bits).
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xFF) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        int lastBits = 32 - 8 * (values.length - 1);
        if (last >= (1L << lastBits)) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address };
        return Optional.of(byAddress(bytes));
    }

    private static Long number(String part) {
        try {
            if (part.regionMatches(true, 0, "0x", 0, 2)) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<InetAddress> ipv6(String text) {
        // Zone ids (fe80::1%eth0) name a local interface: never a valid public target.
        if (!IPV6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // A literal containing ':' is parsed, never looked up.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String format(byte[] bytes) {
        return byAddress(bytes).getHostAddress();
    }
}
