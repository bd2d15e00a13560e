package io.headprobe.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Access lines reach the stream whole, in order, a bounded batch per write. */
class BatchedLinesTest {

    /** 2026-11-26 13:22:46 UTC. */
    private static final long AT = 1_795_699_366_000L;

    /** Keeps every write separately, as a pipe's reader would see atomic writes. */
    private static final class Writes extends OutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            throw new AssertionError("a batch is written whole, never byte by byte");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    @Test
    void linesWaitForTheFlushAndCarryTheConsoleLayout() {
        Writes out = new Writes();
        BatchedLines lines = new BatchedLines(out, 4096, ZoneOffset.UTC);
        lines.add(AT + 7, "method=GET path=/a status=200");
        lines.add(AT + 1_123, "method=GET path=/b status=404");
        assertEquals(List.of(), out.writes, "nothing is written before the batch is full or flushed");

        lines.flush();
        assertEquals(List.of("2026-11-26 13:22:46,007 INFO  [io.hea.access] method=GET path=/a status=200\n"
                + "2026-11-26 13:22:47,123 INFO  [io.hea.access] method=GET path=/b status=404\n"), out.writes);
        lines.flush();
        assertEquals(1, out.writes.size(), "an empty batch is not written");
    }

    @Test
    void everyWriteIsWholeLinesWithinTheBatchSizeAndNothingIsLostOrReordered() {
        Writes out = new Writes();
        BatchedLines lines = new BatchedLines(out, 300, ZoneOffset.UTC);
        for (int i = 0; i < 100; i++) {
            lines.add(AT + i, "request=" + i);
        }
        lines.flush();
        assertTrue(out.writes.size() > 10, "100 lines of ~55 bytes took " + out.writes.size() + " writes of at most 300");
        List<String> all = new ArrayList<>();
        for (String write : out.writes) {
            assertTrue(write.length() <= 300, "write of " + write.length() + " bytes");
            assertTrue(write.endsWith("\n"), "a write ends at a line end: " + write);
            all.addAll(List.of(write.split("\n")));
        }
        assertEquals(100, all.size());
        for (int i = 0; i < 100; i++) {
            assertTrue(all.get(i).endsWith(" request=" + i), all.get(i));
        }
    }

    @Test
    void aLineLongerThanTheBatchIsWrittenAloneAfterWhatWaited() {
        Writes out = new Writes();
        BatchedLines lines = new BatchedLines(out, 100, ZoneOffset.UTC);
        lines.add(AT, "short");
        lines.add(AT, "long=" + "x".repeat(200));
        assertEquals(2, out.writes.size(), out.writes.toString());
        assertTrue(out.writes.get(0).endsWith(" short\n"));
        assertTrue(out.writes.get(1).endsWith("x\n") && out.writes.get(1).length() > 200);
    }

    @Test
    void aFailingStreamNeverFailsTheRequestThatLogsAndLaterLinesGetThrough() {
        List<String> written = new ArrayList<>();
        boolean[] broken = {true};
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (broken[0]) {
                    throw new IOException("Broken pipe");
                }
                written.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
        BatchedLines lines = new BatchedLines(out, 50, ZoneOffset.UTC);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 10; i++) {
                lines.add(AT, "request=" + i);
            }
            lines.flush();
        });
        broken[0] = false;
        lines.add(AT, "request=after");
        lines.flush();
        assertEquals(List.of("2026-11-26 13:22:46,000 INFO  [io.hea.access] request=after\n"), written);
    }
}
