package io.headprobe.blackbox;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's http.ParseTime, which decides whether blackbox writes
 * probe_http_last_modified_timestamp_seconds: the three formats of RFC 9110 (IMF-fixdate,
 * RFC 850, asctime), names in any case, the weekday checked for being a weekday name but not
 * against the date, two-digit years 69-99 in the 1900s.
 */
final class HttpDate {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final String SHORT_DAY = "(?i:mon|tue|wed|thu|fri|sat|sun)";
    private static final String LONG_DAY = "(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String MONTH = "([A-Za-z]{3})";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

    // "Sun, 06 Nov 1994 08:49:37 GMT"
    private static final Pattern IMF_FIXDATE = Pattern.compile(SHORT_DAY + ", (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    // "Sunday, 06-Nov-94 08:49:37 GMT"
    private static final Pattern RFC_850 = Pattern.compile(LONG_DAY + ", (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME + " GMT");
    // "Sun Nov  6 08:49:37 1994"
    private static final Pattern ASCTIME = Pattern.compile(SHORT_DAY + " " + MONTH + " ( ?\\d{1,2}) " + TIME + " (\\d{4})");

    private HttpDate() {
    }

    /** Seconds since the epoch, or empty when the value is in none of the formats (or no valid date). */
    static OptionalLong parse(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        Matcher m = IMF_FIXDATE.matcher(value);
        if (m.matches()) {
            return of(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m, 4);
        }
        m = RFC_850.matcher(value);
        if (m.matches()) {
            int yy = Integer.parseInt(m.group(3));
            return of(yy >= 69 ? 1900 + yy : 2000 + yy, m.group(2), m.group(1), m, 4);
        }
        m = ASCTIME.matcher(value);
        if (m.matches()) {
            return of(Integer.parseInt(m.group(6)), m.group(1), m.group(2).trim(), m, 3);
        }
        return OptionalLong.empty();
    }

    private static OptionalLong of(int year, String month, String day, Matcher m, int firstTimeGroup) {
        int monthNumber = MONTHS.indexOf(month.toLowerCase(Locale.ROOT)) + 1;
        if (monthNumber == 0) {
            return OptionalLong.empty();
        }
        try {
            LocalDateTime time = LocalDateTime.of(year, monthNumber, Integer.parseInt(day),
                    Integer.parseInt(m.group(firstTimeGroup)), Integer.parseInt(m.group(firstTimeGroup + 1)),
                    Integer.parseInt(m.group(firstTimeGroup + 2)));
            return OptionalLong.of(time.toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return OptionalLong.empty();
        }
    }
}
