package io.headprobe.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import io.headprobe.probe.ProbeResult;

/** RFC 4180: a header row, then one row per result; fields with a comma, quote or line break are quoted. */
final class CsvWriter extends ResultWriter {

    private static final List<String> COLUMNS = List.of("target", "url", "ok", "status", "httpVersion", "remoteAddress",
            "totalMs", "grade", "score", "tlsProtocol", "tlsVerified", "tlsDaysLeft", "errorCode", "errorMessage");

    CsvWriter(Writer out) {
        super(out);
    }

    @Override
    void start() throws IOException {
        row(new ArrayList<>(COLUMNS));
        out.flush();
    }

    @Override
    protected void writeResult(ProbeResult result) throws IOException {
        List<Object> fields = new ArrayList<>();
        fields.add(result.target());
        fields.add(result.url());
        fields.add(result.ok());
        fields.add(result.status());
        fields.add(result.httpVersion());
        fields.add(result.remoteAddress());
        fields.add(result.timings() == null ? null : result.timings().totalMs());
        fields.add(result.audit() == null ? null : result.audit().grade());
        fields.add(result.audit() == null ? null : result.audit().score());
        fields.add(result.tls() == null ? null : result.tls().protocol());
        fields.add(result.tls() == null ? null : result.tls().verified());
        fields.add(tlsDaysLeft(result));
        fields.add(result.error() == null ? null : result.error().code());
        fields.add(result.error() == null ? null : result.error().message());
        row(fields);
    }

    private void row(List<?> fields) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quoted(fields.get(i) == null ? "" : fields.get(i).toString()));
        }
        out.write(line.append("\r\n").toString());
    }

    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
