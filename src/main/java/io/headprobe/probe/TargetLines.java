package io.headprobe.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.vertx.MultiHelper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Targets one per line from a body as its bytes arrive (POST /probe/stream and POST /scans as
 * text). Of a line it keeps no more bytes than a target of {@code maxLength} characters can take,
 * so a line of any length costs no more memory than a target may. Blank lines and lines starting
 * with # are skipped; white space around a target is dropped.
 */
public final class TargetLines {

    /** How much of an over-long line a result shows as its target. */
    private static final int TOO_LONG_SHOWN = 64;

    /**
     * @param number the line's number, from 1
     * @param target the line without surrounding white space; when {@code tooLong}, only its start
     */
    public record Line(int number, String target, boolean tooLong) {
    }

    private final int maxLength;
    /** A UTF-16 char takes at most 3 bytes of UTF-8: more bytes than this are more characters than maxLength. */
    private final byte[] line;
    private int length;
    private boolean overflowed;
    private int number;

    public TargetLines(int maxLength) {
        this.maxLength = maxLength;
        this.line = new byte[3 * maxLength + 3];
    }

    /**
     * The lines of a body read as the probes go: a chunk is read when the lines before it are
     * taken (the stream's back-pressure pauses the connection), never more than {@code maxBytes}
     * in all (then the stream fails with a 413 problem).
     */
    public static Multi<Line> of(ReadStream<Buffer> body, int maxLength, long maxBytes) {
        TargetLines lines = new TargetLines(maxLength);
        long[] read = { 0 };
        return MultiHelper.toMulti(body)
                .onItem().transformToIterable(chunk -> {
                    read[0] += chunk.length();
                    if (read[0] > maxBytes) {
                        throw new ProblemException(413, "the body is larger than " + maxBytes + " bytes");
                    }
                    return lines.feed(chunk.getBytes(), chunk.length());
                })
                .onCompletion().switchTo(() -> Multi.createFrom().iterable(lines.finish()));
    }

    /** The lines that the first {@code count} of these bytes complete, in order. */
    public List<Line> feed(byte[] bytes, int count) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                Line ended = end();
                if (ended != null) {
                    lines.add(ended);
                }
            } else if (length < line.length) {
                line[length++] = b;
            } else {
                overflowed = true;
            }
        }
        return lines;
    }

    /** The last line, when the body did not end with a line break and it is not one to skip. */
    public List<Line> finish() {
        Line last = end();
        return last == null ? List.of() : List.of(last);
    }

    private Line end() {
        number++;
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        boolean tooLong = overflowed || text.length() > maxLength;
        length = 0;
        overflowed = false;
        if (tooLong) {
            return new Line(number, text.substring(0, Math.min(TOO_LONG_SHOWN, text.length())) + "...", true);
        }
        String target = text.strip();
        return target.isEmpty() || target.startsWith("#") ? null : new Line(number, target, false);
    }
}
