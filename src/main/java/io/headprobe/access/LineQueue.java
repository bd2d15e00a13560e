package io.headprobe.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Access lines handed from the event loops to one writer thread through a bounded queue, so that
 * a slow or blocked standard output never holds an event loop: a line that finds the queue full is
 * dropped and counted. The writer batches lines ({@link BatchedLines}) and writes a batch when it is
 * full or when its first line has waited {@code flushInterval}.
 */
final class LineQueue {

    /** The writer's nap between drains: bounds its wake-ups under load to ~1,000 a second. */
    private static final long DRAIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private record Line(long epochMillis, CharSequence text) {
    }

    private final BlockingQueue<Line> queue;
    private final BatchedLines batch;
    private final long flushNanos;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;

    LineQueue(BatchedLines batch, int capacity, Duration flushInterval) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batch = batch;
        this.flushNanos = flushInterval.toNanos();
        this.writer = new Thread(this::writeUntilInterrupted, "access-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Never waits: false (and counted) when the queue is full. */
    boolean offer(long epochMillis, CharSequence line) {
        if (queue.offer(new Line(epochMillis, line))) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Lines dropped so far because the queue was full. */
    long dropped() {
        return dropped.sum();
    }

    /** Stops the writer and writes every line still waiting, on the calling thread. */
    void close() {
        writer.interrupt();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Line line = queue.poll(); line != null; line = queue.poll()) {
            batch.add(line.epochMillis(), line.text());
        }
        batch.flush();
    }

    private void writeUntilInterrupted() {
        List<Line> drained = new ArrayList<>();
        try {
            while (true) {
                Line first = queue.take();
                batch.add(first.epochMillis(), first.text());
                // Until the first line's deadline, drain what has come and otherwise sleep briefly,
                // instead of waiting on the queue: a waiting reader is woken by every line, which
                // costs the event loop that offers it a thread wake-up per request under load.
                long deadline = System.nanoTime() + flushNanos;
                for (long left = flushNanos; left > 0; left = deadline - System.nanoTime()) {
                    if (drainInto(drained) == 0) {
                        LockSupport.parkNanos(Math.min(left, DRAIN_PAUSE_NANOS));
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    }
                }
                drainInto(drained);
                batch.flush();
            }
        } catch (InterruptedException e) {
            // close() writes what is left
        }
    }

    private int drainInto(List<Line> drained) {
        int count = queue.drainTo(drained);
        drained.forEach(line -> batch.add(line.epochMillis(), line.text()));
        drained.clear();
        return count;
    }
}
