package io.headprobe.cli;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.probe.ProbeResult;

/** One JSON object per line, written by the service's own ObjectMapper: the shape of a /probe/stream line. */
final class JsonLinesWriter extends ResultWriter {

    private final ObjectMapper json;

    JsonLinesWriter(Writer out, ObjectMapper json) {
        super(out);
        this.json = json;
    }

    @Override
    protected void writeResult(ProbeResult result) throws IOException {
        out.write(json.writeValueAsString(result));
        out.write('\n');
    }
}
