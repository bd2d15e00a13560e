package io.headprobe.scan;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.probe.ProbeResult;

/**
 * One target's result as a store keeps it: the columns that summaries and CSV need, and the whole
 * ProbeResult as JSON. {@code position} numbers the results of a scan in the order they were stored.
 */
record StoredResult(long position, int seq, String target, String url, boolean ok, Integer status, String error,
        String grade, Double totalMs, String json) {

    static final String CSV_HEADER = "position,target,url,ok,status,error,grade,totalMs\r\n";

    static StoredResult of(long position, int seq, ProbeResult result, String json) {
        return new StoredResult(position, seq, result.target(), result.url(), result.ok(), result.status(),
                result.error() == null ? null : result.error().code().name(),
                result.audit() == null ? null : result.audit().grade(),
                result.timings() == null ? null : result.timings().totalMs(), json);
    }

    /** The ProbeResult's JSON object with the cursor that resumes after it as its first field. */
    ObjectNode line(ObjectMapper mapper, String scanId) throws JsonProcessingException {
        ObjectNode line = mapper.createObjectNode().put("cursor", Cursor.of(scanId, position));
        line.setAll((ObjectNode) mapper.readTree(json));
        return line;
    }

    /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
    String csv() {
        return Stream.of(position, target, url, ok, status, error, grade, totalMs)
                .map(value -> value == null ? "" : quoted(value.toString()))
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String quoted(String field) {
        return field.matches("[^,\"\r\n]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
