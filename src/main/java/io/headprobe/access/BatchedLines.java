package io.headprobe.access;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Lines collected in memory and written to a stream a batch at a time, each prefixed with the
 * console log's timestamp, level and category ({@code 2026-11-26 13:22:46,198 INFO  [io.hea.access] }).
 * Adding a line costs an append; the stream sees one write per batch, at most {@code batchBytes}
 * long, so that a batch written into a pipe is atomic and never splits another writer's line.
 * Lines are written in the order they were added.
 */
final class BatchedLines {

    private static final String LEVEL_AND_CATEGORY = " INFO  [io.hea.access] ";
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,");

    private final OutputStream out;
    private final int batchBytes;
    private final ZoneId zone;
    private final StringBuilder batch;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;
    private boolean failed;

    BatchedLines(OutputStream out, int batchBytes, ZoneId zone) {
        this.out = out;
        this.batchBytes = batchBytes;
        this.zone = zone;
        this.batch = new StringBuilder(batchBytes);
    }

    /** Adds one line (without its line end), stamped with {@code epochMillis}. */
    synchronized void add(long epochMillis, CharSequence line) {
        int before = batch.length();
        appendStamp(epochMillis);
        batch.append(LEVEL_AND_CATEGORY).append(line).append('\n');
        // Counted in chars, written in UTF-8 bytes: an access line is ASCII (logfmt escapes the rest).
        if (batch.length() > batchBytes && before > 0) {
            String added = batch.substring(before);
            batch.setLength(before);
            write();
            batch.append(added);
        }
        if (batch.length() >= batchBytes) {
            write();
        }
    }

    /** Writes whatever waits. */
    synchronized void flush() {
        if (batch.length() > 0) {
            write();
        }
    }

    private void write() {
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        batch.setLength(0);
        try {
            out.write(bytes);
            out.flush();
            failed = false;
        } catch (IOException e) {
            // A closed standard output must not fail requests; say it once per outage, on stderr.
            if (!failed) {
                failed = true;
                System.err.println("access log: cannot write to standard output: " + e.getMessage());
            }
        }
    }

    /** Formats the date and second once per second; the milliseconds are three digits appended. */
    private void appendStamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedPrefix = SECOND.format(Instant.ofEpochSecond(second).atZone(zone));
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        batch.append(cachedPrefix);
        if (millis < 100) {
            batch.append('0');
        }
        if (millis < 10) {
            batch.append('0');
        }
        batch.append(millis);
    }
}
