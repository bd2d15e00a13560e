package io.headprobe.cli;

import java.io.IOException;
import java.io.Writer;

import io.headprobe.probe.ProbeResult;

/**
 * Columns for a person: target, status, HTTP version, time, grade, TLS days left, error. Rows go
 * out as results finish, so widths are fixed; a longer target pushes its row's columns right.
 */
final class TableWriter extends ResultWriter {

    private static final String ROW = "%-44s %6s %-8s %9s %-5s %8s  %s%n";

    TableWriter(Writer out) {
        super(out);
    }

    @Override
    void start() throws IOException {
        out.write(String.format(ROW, "TARGET", "STATUS", "HTTP", "TIME(ms)", "GRADE", "TLS-DAYS", "ERROR"));
        out.flush();
    }

    @Override
    protected void writeResult(ProbeResult result) throws IOException {
        Long days = tlsDaysLeft(result);
        out.write(String.format(ROW, result.target(),
                result.status() == null ? "-" : result.status().toString(),
                result.httpVersion() == null ? "-" : result.httpVersion(),
                result.timings() == null || result.timings().totalMs() == null ? "-"
                        : String.format(java.util.Locale.ROOT, "%.1f", result.timings().totalMs()),
                result.audit() == null ? "-" : result.audit().grade(),
                days == null ? "-" : days.toString(),
                result.error() == null ? "" : result.error().code() + ": " + result.error().message()));
    }
}
