package io.headprobe.cli;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.probe.ProbeResult;

/**
 * Writes results in one {@link ResultFormat}, each flushed as soon as it is written so that a pipe
 * sees every result the moment it finishes (and an interrupted run loses none that finished).
 * Callers serialise the calls.
 */
abstract class ResultWriter {

    protected final Writer out;

    protected ResultWriter(Writer out) {
        this.out = out;
    }

    /** @param body whether the body is read: the table then shows the title (CSV and JSONL always carry its facts) */
    static ResultWriter of(ResultFormat format, Writer out, ObjectMapper json, boolean body) {
        return switch (format) {
            case JSONL -> new JsonLinesWriter(out, json);
            case TABLE -> new TableWriter(out, body);
            case CSV -> new CsvWriter(out);
        };
    }

    /** Anything that comes before the first result (a header row). */
    void start() throws IOException {
    }

    final void write(ProbeResult result) throws IOException {
        writeResult(result);
        out.flush();
    }

    protected abstract void writeResult(ProbeResult result) throws IOException;

    void close() throws IOException {
        out.close();
    }

    /** Days until the earliest certificate expiry, for the last hop's TLS; null on http. */
    static Long tlsDaysLeft(ProbeResult result) {
        return result.tls() == null ? null : result.tls().daysLeft();
    }
}
