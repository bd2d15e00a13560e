package io.headprobe.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Targets one per line from a body as it arrives (POST /probe/stream and POST /scans as text), a
 * line at a time. Of a line it keeps at most {@code maxLength} + 1 characters, so a line of any
 * length costs no more memory than a target may have. Blank lines and lines starting with # are
 * skipped. Reading blocks: never iterate it on an event loop.
 */
public final class TargetLines implements Iterator<TargetLines.Line> {

    /**
     * @param number the line's number, from 1
     * @param target the line without surrounding white space; when {@code tooLong}, only its start
     */
    public record Line(int number, String target, boolean tooLong) {
    }

    private final Reader reader;
    private final int maxLength;
    private final StringBuilder line = new StringBuilder();
    private Line next;
    private int number;
    private boolean ended;

    public TargetLines(InputStream body, int maxLength) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.maxLength = maxLength;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            next = read();
        }
        return next != null;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line line = next;
        next = null;
        return line;
    }

    /** The next line, or null when it is one to skip. */
    private Line read() {
        line.setLength(0);
        try {
            for (int c = reader.read(); c != '\n'; c = reader.read()) {
                if (c == -1) {
                    ended = true;
                    break;
                }
                if (line.length() <= maxLength) {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        number++;
        if (line.length() > maxLength) {
            return new Line(number, line.toString(), true);
        }
        String target = line.toString().strip();
        return target.isEmpty() || target.startsWith("#") ? null : new Line(number, target, false);
    }
}
