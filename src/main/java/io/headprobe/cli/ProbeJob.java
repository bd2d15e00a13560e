package io.headprobe.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import io.headprobe.audit.Grade;
import io.headprobe.probe.ProbeOptions;
import io.headprobe.probe.ProbeRequest;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.Prober;
import sun.misc.Signal;

/**
 * One {@code headprobe probe} run: reads a target whenever a slot is free (so the input is read
 * only as fast as the probes go), writes each result the filter keeps as it finishes, and tallies
 * the exit code.
 */
final class ProbeJob {

    static final int INTERRUPTED = 130;

    private final TargetSource targets;
    private final ProbeRequest request;
    private final ResultFormat format;
    private final Path output;
    private final String failUnder;
    private final ResultFilter filter;
    private final boolean showProgress;
    private final String name;
    private final Object lock = new Object();
    private volatile boolean outputClosed;
    /** Results written; guarded by {@code lock}. */
    private long written;

    ProbeJob(TargetSource targets, ProbeRequest request, ResultFormat format, Path output, String failUnder,
            ResultFilter filter, boolean showProgress, String name) {
        this.targets = targets;
        this.request = request;
        this.format = format;
        this.output = output;
        this.failUnder = failUnder;
        this.filter = filter;
        this.showProgress = showProgress;
        this.name = name;
    }

    int run(CommandBeans beans) throws IOException, InterruptedException {
        ProbeOptions options = beans.requests().options(request);
        // Not System.out: a PrintStream swallows write errors, and a closed pipe must stop the run.
        Writer out = output == null
                ? new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8))
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        Progress progress = new Progress(System.err, showProgress);
        // Ctrl-C: what finished is already written and flushed; say how far it got and stop at once.
        Signal.handle(new Signal("INT"), signal -> {
            synchronized (lock) {
                progress.stop();
                System.err.println(name + ": interrupted after " + progress.done() + " results");
                Runtime.getRuntime().halt(INTERRUPTED);
            }
        });
        return run(beans.prober(), options, ResultWriter.of(format, out, beans.json(), options.body() != null), progress);
    }

    /**
     * Probes on the event loops, writes on the calling thread: a slow reader of the output holds up
     * only the start of new probes (a slot is freed once its result is written), never a fetch
     * already in flight, and at most {@code concurrency} results wait to be written.
     */
    int run(Prober prober, ProbeOptions options, ResultWriter writer, Progress progress)
            throws IOException, InterruptedException {
        writer.start();
        progress.start(lock);
        BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        Semaphore slots = new Semaphore(options.concurrency());
        Thread feeder = new Thread(() -> feed(prober, options, slots, finished, progress), name + "-targets");
        feeder.setDaemon(true);
        feeder.start();
        Fed fed = null;
        try {
            long handled = 0;
            while (fed == null || handled < fed.targets()) {
                Finished next = finished.take();
                if (next instanceof Fed end) {
                    fed = end;
                } else {
                    handled++;
                    done(next, writer, progress);
                    slots.release();
                }
            }
        } finally {
            synchronized (lock) {
                progress.stop();
                close(writer);
            }
        }
        if (fed.inputError() != null) {
            throw fed.inputError();
        }
        return exitCode(progress);
    }

    /**
     * 0 when every target answered, none graded below --fail-under, the output took every result
     * and, with a match or filter, at least one result was written (grep's "nothing selected" is 1
     * too); else 1.
     */
    private int exitCode(Progress progress) {
        synchronized (lock) {
            boolean clean = !outputClosed && progress.failed.sum() + progress.belowGrade.sum() == 0;
            return clean && (written > 0 || !filter.active()) ? 0 : 1;
        }
    }

    /** Reads the targets as slots free up and starts their probes; last, how many it started. */
    private void feed(Prober prober, ProbeOptions options, Semaphore slots, BlockingQueue<Finished> finished,
            Progress progress) {
        long started = 0;
        RuntimeException inputError = null;
        try {
            while (!outputClosed && targets.hasNext()) {
                String target = targets.next();
                slots.acquire();
                started++;
                // The body's text goes with its result only as far as the filter, and only when a regex reads it.
                AtomicReference<String> bodyText = new AtomicReference<>();
                prober.probe(target, options, filter.readsBody() ? bodyText::set : text -> {
                }).subscribe().with(
                        result -> finished.add(new Done(result, bodyText.get())),
                        failure -> finished.add(new Failed(target, failure)));
            }
            progress.total(targets.read());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Unreadable input: reported as an input error once what finished is written.
            inputError = e;
        } finally {
            finished.add(new Fed(started, inputError));
        }
    }

    private static void close(ResultWriter writer) {
        try {
            writer.close();
        } catch (IOException e) {
            // already reported when the write failed
        }
    }

    private void done(Finished next, ResultWriter writer, Progress progress) {
        if (next instanceof Failed failed) {
            // Prober turns every failure into a result; this is a bug, reported as one.
            synchronized (lock) {
                progress.failed.increment();
                System.err.println(name + ": " + failed.target() + ": " + failed.failure());
            }
            return;
        }
        ProbeResult result = ((Done) next).result();
        synchronized (lock) {
            // Counted with the write, so that "interrupted after N results" means N written.
            (result.ok() ? progress.ok : progress.failed).increment();
            if (failUnder != null && result.audit() != null
                    && Grade.rank(result.audit().grade()) < Grade.rank(failUnder)) {
                progress.belowGrade.increment();
            }
            progress.clear();
            if (outputClosed || !filter.keeps(result, ((Done) next).bodyText())) {
                return;
            }
            try {
                writer.write(result);
                written++;
            } catch (IOException e) {
                // The reader went away (`| head`) or the disk is full: stop starting probes. A closed
                // pipe is the reader's choice and goes unsaid, as with other Unix tools.
                outputClosed = true;
                if (!"Broken pipe".equals(e.getMessage())) {
                    System.err.println(name + ": cannot write results: " + e.getMessage());
                }
            }
        }
    }

    /** What the writing thread is handed: a result, a failure, or the end of the targets. */
    private sealed interface Finished permits Done, Failed, Fed {
    }

    private record Done(ProbeResult result, String bodyText) implements Finished {
    }

    private record Failed(String target, Throwable failure) implements Finished {
    }

    private record Fed(long targets, RuntimeException inputError) implements Finished {
    }
}
