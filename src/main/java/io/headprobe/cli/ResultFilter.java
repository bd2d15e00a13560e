package io.headprobe.cli;

import java.util.List;
import java.util.Locale;

import com.google.re2j.Pattern;

import io.headprobe.http.Header;
import io.headprobe.probe.ProbeResult;

/**
 * Which results {@code headprobe probe} writes, as httpx's {@code -fc/-mc/-fe/-mr} decide: a result
 * is left out when its status is in a filter list or a filter regex finds a match; otherwise it is
 * kept when its status is in the match list (if given) and every match regex finds a match.
 * A target that did not answer has no status and no head: a match drops it, a filter keeps it.
 */
record ResultFilter(List<StatusRange> matchStatus, List<StatusRange> filterStatus, List<Pattern> matchRegex,
        List<Pattern> filterRegex) {

    static final ResultFilter NONE = new ResultFilter(List.of(), List.of(), List.of(), List.of());

    /** A status code ({@code 200}: 200 to 200) or a class ({@code 3xx}: 300 to 399). */
    record StatusRange(int low, int high) {

        /** Throws IllegalArgumentException, saying what is accepted, for anything else. */
        static StatusRange parse(String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (value.matches("[1-5]xx")) {
                int low = (value.charAt(0) - '0') * 100;
                return new StatusRange(low, low + 99);
            }
            if (value.matches("[1-5][0-9][0-9]")) {
                int code = Integer.parseInt(value);
                return new StatusRange(code, code);
            }
            throw new IllegalArgumentException("'" + text + "' is not a status code or class (100 to 599, 1xx to 5xx)");
        }

        boolean contains(Integer status) {
            return status != null && status >= low && status <= high;
        }
    }

    /** Whether any match or filter was asked for: then a run that writes nothing exits 1, as grep does. */
    boolean active() {
        return !(matchStatus.isEmpty() && filterStatus.isEmpty() && matchRegex.isEmpty() && filterRegex.isEmpty());
    }

    /** Whether a regex is asked for: only then is the body's text handed to {@link #keeps}. */
    boolean readsBody() {
        return !(matchRegex.isEmpty() && filterRegex.isEmpty());
    }

    /**
     * @param body the decoded body text (up to the cap), or null when no body was read or it is
     *        not text; then the page's title, if any, stands in for it
     */
    boolean keeps(ProbeResult result, String body) {
        if (listed(filterStatus, result.status())) {
            return false;
        }
        if (!matchStatus.isEmpty() && !listed(matchStatus, result.status())) {
            return false;
        }
        if (filterRegex.isEmpty() && matchRegex.isEmpty()) {
            return true;
        }
        String text = text(result, body);
        return filterRegex.stream().noneMatch(regex -> regex.matcher(text).find())
                && matchRegex.stream().allMatch(regex -> regex.matcher(text).find());
    }

    private static boolean listed(List<StatusRange> ranges, Integer status) {
        // A loop, not a stream: asked for every result of a list of any length.
        for (StatusRange range : ranges) {
            if (range.contains(status)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the regexes read, shaped like the response on the wire (as httpx's raw response): the
     * status line without its reason phrase, one {@code Name: value} line per header as received,
     * an empty line, then the body. Lines end in {@code \n} alone, so that {@code (?m)value$}
     * works. Empty for a target that did not answer.
     */
    static String text(ProbeResult result, String body) {
        if (result.status() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder().append(result.httpVersion()).append(' ').append(result.status())
                .append('\n');
        for (Header header : result.headers()) {
            text.append(header.name()).append(": ").append(header.value()).append('\n');
        }
        text.append('\n');
        if (body != null) {
            text.append(body);
        } else if (result.body() != null && result.body().title() != null) {
            text.append(result.body().title());
        }
        return text.toString();
    }
}
