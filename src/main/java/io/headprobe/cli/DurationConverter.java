package io.headprobe.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 10s}, {@code 500ms}, {@code 2m}, or a plain number of seconds as curl's --max-time takes it. */
class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    @Override
    public Duration convert(String value) {
        Matcher matcher = DURATION.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (10s, 500ms, 2m or seconds)");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        long millis = Math.round(amount * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            default -> 1_000;
        });
        if (millis < 1) {
            throw new TypeConversionException("'" + value + "' is shorter than a millisecond");
        }
        return Duration.ofMillis(millis);
    }
}
