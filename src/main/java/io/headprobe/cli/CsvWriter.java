package io.headprobe.cli;

import java.io.IOException;
import java.io.Writer;

import io.headprobe.csv.Csv;
import io.headprobe.probe.ProbeCsv;
import io.headprobe.probe.ProbeResult;

/** A header row, then one row per result: the columns of ProbeCsv, as GET /scans/{id}/results exports them. */
final class CsvWriter extends ResultWriter {

    CsvWriter(Writer out) {
        super(out);
    }

    @Override
    void start() throws IOException {
        out.write(Csv.row(ProbeCsv.COLUMNS));
        out.flush();
    }

    @Override
    protected void writeResult(ProbeResult result) throws IOException {
        out.write(Csv.row(ProbeCsv.fields(result)));
    }
}
