package io.headprobe.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import io.headprobe.probe.ProbeResult;

/**
 * Columns for a person: target, status, HTTP version, time, grade, TLS days left, the page's title
 * when the body is read, error. Rows go out as results finish, so widths are fixed; a longer target
 * pushes its row's columns right, a longer title is cut.
 */
final class TableWriter extends ResultWriter {

    static final int TITLE_WIDTH = 32;
    private static final String ROW = "%-44s %6s %-8s %9s %-5s %8s  %s%n";
    private static final String ROW_WITH_TITLE = "%-44s %6s %-8s %9s %-5s %8s  %-" + TITLE_WIDTH + "s  %s%n";

    private final boolean showTitle;

    /** @param showTitle whether the body is read, so that there is a title to show */
    TableWriter(Writer out, boolean showTitle) {
        super(out);
        this.showTitle = showTitle;
    }

    @Override
    void start() throws IOException {
        out.write(showTitle ? String.format(ROW_WITH_TITLE, "TARGET", "STATUS", "HTTP", "TIME(ms)", "GRADE", "TLS-DAYS", "TITLE", "ERROR")
                : String.format(ROW, "TARGET", "STATUS", "HTTP", "TIME(ms)", "GRADE", "TLS-DAYS", "ERROR"));
        out.flush();
    }

    @Override
    protected void writeResult(ProbeResult result) throws IOException {
        Long days = tlsDaysLeft(result);
        String target = result.target();
        String status = result.status() == null ? "-" : result.status().toString();
        String http = result.httpVersion() == null ? "-" : result.httpVersion();
        String time = result.timings() == null || result.timings().totalMs() == null ? "-"
                : String.format(Locale.ROOT, "%.1f", result.timings().totalMs());
        String grade = result.audit() == null ? "-" : result.audit().grade();
        String tlsDays = days == null ? "-" : days.toString();
        String error = result.error() == null ? "" : result.error().code() + ": " + result.error().message();
        out.write(showTitle ? String.format(ROW_WITH_TITLE, target, status, http, time, grade, tlsDays, title(result), error)
                : String.format(ROW, target, status, http, time, grade, tlsDays, error));
    }

    /**
     * The page's title, cut to {@link #TITLE_WIDTH}; "-" without one. The title is the page's text:
     * a control character in it (an ESC from {@code &#27;}, say) would be run by the terminal, so
     * each becomes {@code ?}.
     */
    static String title(ProbeResult result) {
        String title = result.body() == null ? null : result.body().title();
        if (title == null || title.isEmpty()) {
            return "-";
        }
        StringBuilder cell = new StringBuilder();
        title.codePoints().limit(TITLE_WIDTH + 1).forEach(c -> cell.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return cell.codePointCount(0, cell.length()) > TITLE_WIDTH
                ? cell.substring(0, cell.offsetByCodePoints(0, TITLE_WIDTH - 1)) + "\u2026" : cell.toString();
    }
}
