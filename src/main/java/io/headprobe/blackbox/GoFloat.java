package io.headprobe.blackbox;

import java.math.BigDecimal;

/**
 * Sample values spelt as Go's strconv.FormatFloat(v, 'g', -1, 64) spells them, which is what
 * blackbox_exporter prints: shortest digits, exponent form from 1e+06 up and below 1e-04
 * ("3.668918509e+09", "0.006933636", "1.1", "-6.21355968e+10"). Same values, same text, so a
 * HeadProbe answer can be diffed against blackbox's.
 */
final class GoFloat {

    private GoFloat() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        // Double.toString gives digits that read back to the same double; strip them to the essentials.
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale(); // of the first digit
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (exponent < 0) {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }

    /** OpenMetrics wants a float to look like one: Go's client writes "1.0", "200.0", "1.5e+09". */
    static String formatOpenMetrics(double value) {
        String text = format(value);
        if (Double.isNaN(value) || Double.isInfinite(value) || text.contains(".") || text.contains("e")) {
            return text;
        }
        return text + ".0";
    }
}
