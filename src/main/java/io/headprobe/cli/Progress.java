package io.headprobe.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of a run, and, when standard error is a terminal, a progress line redrawn there
 * every 200 ms: done/total (total once the input is read), rate, ok/failed, ETA.
 */
final class Progress {

    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder belowGrade = new LongAdder();
    private final long started = System.nanoTime();
    private final PrintStream err;
    private final boolean shown;
    private volatile long total = -1;
    private boolean drawn;
    private Thread painter;

    Progress(PrintStream err, boolean shown) {
        this.err = err;
        this.shown = shown;
    }

    long done() {
        return ok.sum() + failed.sum();
    }

    /** The input is read to its end: now the total is known. */
    void total(long total) {
        this.total = total;
    }

    void start(Object lock) {
        if (!shown) {
            return;
        }
        painter = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(200);
                    synchronized (lock) {
                        draw();
                    }
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }, "headprobe-progress");
        painter.setDaemon(true);
        painter.start();
    }

    /** Removes the line, so that a table row or a message can take its place; the next tick redraws it. */
    void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    void stop() {
        if (painter != null) {
            painter.interrupt();
        }
        clear();
    }

    private void draw() {
        long done = done();
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long known = total;
        String eta = known < 0 || rate == 0 ? "" : String.format(Locale.ROOT, "  ETA %ds", Math.round((known - done) / rate));
        err.print(String.format(Locale.ROOT, "\r\033[K%d/%s  %.0f/s  ok %d  failed %d%s", done,
                known < 0 ? "?" : Long.toString(known), rate, ok.sum(), failed.sum(), eta));
        err.flush();
        drawn = true;
    }
}
