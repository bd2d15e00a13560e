package io.headprobe.scan;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.csv.Csv;
import io.headprobe.probe.ProbeCsv;
import io.headprobe.probe.ProbeResult;

/**
 * One target's result as a store keeps it: the columns that summaries and diffs need, and the whole
 * ProbeResult as JSON. {@code position} numbers the results of a scan in the order they were stored.
 */
record StoredResult(long position, int seq, String target, String url, boolean ok, Integer status, String error,
        String grade, Double totalMs, Integer tlsDaysLeft, String title, String bodySha256, TlsColumns tlsScan,
        String json) {

    static final String CSV_HEADER = Csv.row(ProbeCsv.COLUMNS);

    static StoredResult of(long position, int seq, ProbeResult result, String json) {
        return new StoredResult(position, seq, result.target(), result.url(), result.ok(), result.status(),
                result.error() == null ? null : result.error().code().name(),
                result.audit() == null ? null : result.audit().grade(),
                result.timings() == null ? null : result.timings().totalMs(),
                result.tls() == null || result.tls().daysLeft() == null ? null : Math.toIntExact(result.tls().daysLeft()),
                result.body() == null ? null : result.body().title(),
                result.body() == null ? null : result.body().sha256(),
                TlsColumns.of(result.tlsScan()),
                json);
    }

    /** The ProbeResult's JSON object with the cursor that resumes after it as its first field. */
    ObjectNode line(ObjectMapper mapper, String scanId) throws JsonProcessingException {
        ObjectNode line = mapper.createObjectNode().put("cursor", Cursor.of(scanId, position));
        line.setAll((ObjectNode) mapper.readTree(json));
        return line;
    }

    /** The row of `headprobe probe --csv` for this result: the same columns, read back from the stored JSON. */
    String csv(ObjectMapper mapper) throws JsonProcessingException {
        return Csv.row(ProbeCsv.fields(mapper.readValue(json, ProbeResult.class)));
    }

    /** What this result adds one to in GET /scans/{id}: its key in byStatus, byError and byGrade, where it has one. */
    Map<String, String> countedAs() {
        Map<String, String> keys = new HashMap<>();
        if (status != null) {
            keys.put("status", status.toString());
        }
        if (error != null) {
            keys.put("error", error);
        }
        if (grade != null) {
            keys.put("grade", grade);
        }
        return keys;
    }

    /** What a diff compares. */
    ResultSummary summary() {
        return new ResultSummary(status, error, grade, ResultSummary.tlsDaysLeftBucket(tlsDaysLeft), title, bodySha256,
                tlsScan.grade(), TlsColumns.list(tlsScan.protocols()), TlsColumns.list(tlsScan.weak()));
    }
}
