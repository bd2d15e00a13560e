package io.headprobe.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** NDJSON answers (POST /probe/stream, a scan's results and diff), read in tests. */
public final class Ndjson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Ndjson() {
    }

    /** One JSON value per non-blank line. */
    public static List<JsonNode> read(String ndjson) {
        List<JsonNode> lines = new ArrayList<>();
        ndjson.lines().filter(line -> !line.isBlank()).forEach(line -> lines.add(readLine(line)));
        return lines;
    }

    /** One JSON value (a line of NDJSON, or a whole JSON answer). */
    public static JsonNode readLine(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
