package io.headprobe.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The access log's hand-over: event loops never wait for standard output; what cannot wait is counted. */
class LineQueueTest {

    /** An output whose first write blocks until released, as a full pipe nobody reads. */
    private static final class BlockedOutput extends OutputStream {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final StringBuilder written = new StringBuilder();

        @Override
        public void write(int b) {
            throw new AssertionError("a batch is written whole");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writing.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aBlockedOutputDropsAndCountsWhatTheQueueCannotHoldAndLosesNothingElse() throws Exception {
        BlockedOutput out = new BlockedOutput();
        LineQueue queue = new LineQueue(new BatchedLines(out, 4096, ZoneOffset.UTC), 4, Duration.ofMillis(1));
        assertTrue(queue.offer(0, "line=0"));
        assertTrue(out.writing.await(30, TimeUnit.SECONDS), "the writer thread writes the first line");

        // The writer is stuck in that write: the queue takes 4 lines, the next 3 are dropped at once.
        for (int i = 1; i <= 4; i++) {
            assertTrue(queue.offer(0, "line=" + i), "line " + i);
        }
        for (int i = 5; i <= 7; i++) {
            assertFalse(queue.offer(0, "line=" + i), "line " + i);
        }
        assertEquals(3, queue.dropped());

        out.released.countDown();
        queue.close();
        List<String> lines = out.written.toString().lines().map(line -> line.substring(line.indexOf("line="))).toList();
        assertEquals(List.of("line=0", "line=1", "line=2", "line=3", "line=4"), lines);
    }

    @Test
    void closeWritesEveryLineStillWaiting() {
        StringBuilder written = new StringBuilder();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                written.append((char) b);
            }
        };
        LineQueue queue = new LineQueue(new BatchedLines(out, 4096, ZoneOffset.UTC), 100, Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            queue.offer(0, "request=" + i);
        }
        queue.close();
        assertEquals(50, written.toString().lines().count());
        assertEquals(0, queue.dropped());
    }

    @Test
    void aSteadyStreamIsWrittenWholeAndInOrderWithoutClose() throws Exception {
        int lines = 20_000;
        CountDownLatch allWritten = new CountDownLatch(lines);
        StringBuilder written = new StringBuilder();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("a batch is written whole");
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                String batch = new String(bytes, offset, length, StandardCharsets.UTF_8);
                synchronized (written) {
                    written.append(batch);
                }
                batch.lines().forEach(line -> allWritten.countDown());
            }
        };
        // The writer drains between naps: every line offered while it sleeps must still be written,
        // in order, by the flush that follows (no close() to sweep up what it missed).
        LineQueue queue = new LineQueue(new BatchedLines(out, 4096, ZoneOffset.UTC), lines, Duration.ofMillis(20));
        for (int i = 0; i < lines; i++) {
            assertTrue(queue.offer(0, "n=" + i));
        }
        assertTrue(allWritten.await(30, TimeUnit.SECONDS), "written: " + (lines - allWritten.getCount()));
        List<String> got;
        synchronized (written) {
            got = written.toString().lines().map(line -> line.substring(line.indexOf("n=") + 2)).toList();
        }
        assertEquals(lines, got.size());
        for (int i = 0; i < lines; i++) {
            assertEquals(String.valueOf(i), got.get(i));
        }
        assertEquals(0, queue.dropped());
        queue.close();
    }
}
