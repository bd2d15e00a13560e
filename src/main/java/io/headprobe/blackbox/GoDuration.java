package io.headprobe.blackbox;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which blackbox_exporter applies to a module's {@code timeout}:
 * a sequence of decimal numbers, each with a unit ("5s", "1m30s", "1.5h", "500ms", "-2h45m"), or
 * a bare "0". Java's {@link Duration#parse} reads ISO-8601 ("PT5S") and would refuse all of these.
 */
final class GoDuration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign
            "\u03bcs", 1_000L, // Greek small letter mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's wording (without its "time: " prefix) */
    static Duration parse(String text) {
        int i = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == text.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        BigInteger nanos = BigInteger.ZERO;
        while (i < text.length()) {
            int start = i;
            i = skipDigits(text, i);
            boolean digitsBefore = i > start;
            boolean digitsAfter = false;
            if (i < text.length() && text.charAt(i) == '.') {
                int fraction = ++i;
                i = skipDigits(text, i);
                digitsAfter = i > fraction;
            }
            if (!digitsBefore && !digitsAfter) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            BigDecimal number = new BigDecimal(text.substring(start, i));
            int unitStart = i;
            while (i < text.length() && text.charAt(i) != '.' && !isDigit(text.charAt(i))) {
                i++;
            }
            String unit = text.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
            }
            Long perUnit = NANOS_PER_UNIT.get(unit);
            if (perUnit == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            // Go drops what is finer than a nanosecond, term by term.
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(perUnit)).toBigInteger());
            if (nanos.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
        }
        long value = nanos.longValueExact();
        return Duration.ofNanos(negative ? -value : value);
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
