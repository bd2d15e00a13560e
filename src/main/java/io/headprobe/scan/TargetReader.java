package io.headprobe.scan;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.problem.ProblemException;
import io.headprobe.probe.ProbeRequests;
import io.headprobe.probe.TargetLines;

/**
 * Reads the targets of POST /scans as they arrive and hands them on in batches, so that a body of
 * a million targets is never held whole: a JSON object token by token, or text one line at a time.
 */
final class TargetReader {

    private static final int BATCH = 1000;

    private final ProbeRequests requests;
    private final int maxTargets;
    private final int maxTargetLength;
    private final long maxOptionBytes;
    private final Consumer<List<String>> sink;
    private List<String> batch = new ArrayList<>();
    private int count;

    TargetReader(ProbeRequests requests, int maxTargets, int maxTargetLength, long maxOptionBytes,
            Consumer<List<String>> sink) {
        this.requests = requests;
        this.maxTargets = maxTargets;
        this.maxTargetLength = maxTargetLength;
        this.maxOptionBytes = maxOptionBytes;
        this.sink = sink;
    }

    /**
     * A JSON object: "targets" is streamed, "name" kept, the other fields are the options of
     * POST /probe and come back as an object to validate (unknown ones are refused there). Those
     * are held whole, as a tree: together they may take {@code maxOptionBytes} (the body limit of
     * POST /probe), give or take the parser's read-ahead, where targets may take the scan's.
     */
    ObjectNode json(ObjectMapper mapper, InputStream body) throws IOException {
        ObjectNode rest = mapper.createObjectNode();
        Metered metered = new Metered(body);
        try (JsonParser parser = mapper.getFactory().createParser(metered)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProblemException(400, "the body must be a JSON object with a 'targets' array");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("targets")) {
                    targets(parser);
                } else {
                    // One value of the object: what follows it is the object's rest, not trailing garbage.
                    metered.counting = true;
                    rest.set(field, mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser));
                    metered.counting = false;
                }
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(400, "the body must hold one JSON object and nothing after it");
            }
        }
        return finish(rest);
    }

    private void targets(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new ProblemException(400, "'targets' must be an array of strings");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String where = "targets[" + count + "]";
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                add(where, parser.getText());
            } else if (parser.currentToken() == JsonToken.VALUE_NULL) {
                requests.checkTarget(where, null);
            } else {
                throw new ProblemException(400, "'" + where + "' must be a string");
            }
        }
    }

    /** One target per line; blank lines and lines starting with # are skipped. */
    void text(InputStream body) throws IOException {
        TargetLines lines = new TargetLines(maxTargetLength);
        byte[] chunk = new byte[8192];
        for (int count = body.read(chunk); count != -1; count = body.read(chunk)) {
            lines.feed(chunk, count).forEach(this::line);
        }
        lines.finish().forEach(this::line);
        finish(null);
    }

    private void line(TargetLines.Line line) {
        if (line.tooLong()) {
            throw new ProblemException(400, "line " + line.number() + " is longer than " + maxTargetLength + " characters");
        }
        add("line " + line.number(), line.target());
    }

    private void add(String where, String target) {
        requests.checkTarget(where, target);
        refuseNul(where, target);
        if (++count > maxTargets) {
            throw new ProblemException(413, "a scan may hold at most " + maxTargets + " targets");
        }
        batch.add(target);
        if (batch.size() == BATCH) {
            flush();
        }
    }

    /** PostgreSQL's text refuses NUL; memory takes it: both refuse it here, where the request is still answered. */
    static void refuseNul(String where, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new ProblemException(400, "'" + where + "' holds a NUL character");
        }
    }

    /** Counts the bytes the parser takes while it reads options, and refuses more than they may take. */
    private final class Metered extends FilterInputStream {
        boolean counting;
        private long counted;

        Metered(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            if (counting && (counted += n) > maxOptionBytes) {
                throw new ProblemException(413, "the fields of a scan other than 'targets' may take at most "
                        + maxOptionBytes + " bytes");
            }
        }
    }

    private ObjectNode finish(ObjectNode rest) {
        if (count == 0) {
            throw new ProblemException(400, "a scan needs at least one target");
        }
        flush();
        return rest;
    }

    private void flush() {
        if (!batch.isEmpty()) {
            sink.accept(batch);
            batch = new ArrayList<>();
        }
    }
}
