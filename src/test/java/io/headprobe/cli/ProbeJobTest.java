package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.headprobe.probe.ProbeOptions;
import io.headprobe.probe.ProbeRequest;
import io.headprobe.probe.ProbeRequests;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.Prober;
import io.headprobe.testing.Loopback;
import io.quarkus.test.junit.QuarkusTest;

/** {@code headprobe probe}'s run: the fetches stay on the event loops, the writing on the command's thread. */
@QuarkusTest
class ProbeJobTest {

    private static HttpServer target;
    private static HttpServer missing;

    @Inject
    Prober prober;

    @Inject
    ProbeRequests requests;

    @BeforeAll
    static void startTarget() {
        target = Loopback.answering(200, Map.of());
        missing = Loopback.answering(404, Map.of("X-Served-By", List.of("edge-7")));
    }

    @AfterAll
    static void stopTarget() {
        target.stop(0);
        missing.stop(0);
    }

    @Test
    void writesEveryResultOnTheCallingThreadNeverOnAnEventLoop() throws Exception {
        List<String> urls = IntStream.range(0, 20).mapToObj(i -> Loopback.url(target, "/" + i)).toList();
        ProbeOptions options = requests.options(new ProbeRequest(null, null, null, null, null, 4, null, null, null, null, null));
        ThreadRecordingWriter writer = new ThreadRecordingWriter();
        ProbeJob job = new ProbeJob(TargetSource.open(urls, null, List.of(), true), null, ResultFormat.JSONL, null, null,
                ResultFilter.NONE, false, "test");

        int exit = job.run(prober, options, writer, new Progress(new PrintStream(PrintStream.nullOutputStream()), false));

        assertEquals(0, exit);
        assertEquals(20, writer.targets.size());
        assertEquals(new HashSet<>(urls), new HashSet<>(writer.targets));
        assertEquals(Set.of(Thread.currentThread().getName()), writer.threads,
                "a slow reader of the output must not hold an event loop");
        assertTrue(writer.allOk, "every loopback target answered");
    }

    @Test
    void filtersDecideWhatIsWrittenAndAFilterThatLeavesNothingExitsOne() throws Exception {
        String ok = Loopback.url(target, "/ok");
        String gone = Loopback.url(missing, "/gone");
        String refused = "http://127.0.0.1:" + Loopback.refusingPort() + "/";
        StatusConverter status = new StatusConverter();
        RegexConverter regex = new RegexConverter();

        ThreadRecordingWriter success = new ThreadRecordingWriter();
        assertEquals(0, run(List.of(ok, gone), new ResultFilter(List.of(status.convert("2xx")), List.of(), List.of(), List.of()),
                success));
        assertEquals(List.of(ok), success.targets);

        ThreadRecordingWriter none = new ThreadRecordingWriter();
        assertEquals(1, run(List.of(ok, gone), new ResultFilter(List.of(status.convert("5xx")), List.of(), List.of(), List.of()),
                none), "every target answered, but nothing was selected: 1, as grep");
        assertEquals(List.of(), none.targets);

        ThreadRecordingWriter notEdge = new ThreadRecordingWriter();
        assertEquals(0, run(List.of(ok, gone), new ResultFilter(List.of(), List.of(), List.of(),
                List.of(regex.convert("(?mi)^x-served-by: edge-\\d+$"))), notEdge));
        assertEquals(List.of(ok), notEdge.targets);

        ThreadRecordingWriter withFailure = new ThreadRecordingWriter();
        assertEquals(1, run(List.of(ok, refused), new ResultFilter(List.of(), List.of(status.convert("404")), List.of(),
                List.of()), withFailure), "a target that did not answer is still 1, kept or not");
        assertEquals(Set.of(ok, refused), Set.copyOf(withFailure.targets), "no status: a status filter keeps it");

        ThreadRecordingWriter unfiltered = new ThreadRecordingWriter();
        assertEquals(0, run(List.of(gone), ResultFilter.NONE, unfiltered), "a 404 is an answer");
        assertEquals(List.of(gone), unfiltered.targets);
    }

    private int run(List<String> urls, ResultFilter filter, ResultWriter writer) throws Exception {
        ProbeOptions options = requests.options(new ProbeRequest(null, null, null, null, null, 4, null, null, null, null, null));
        ProbeJob job = new ProbeJob(TargetSource.open(urls, null, List.of(), true), null, ResultFormat.JSONL, null, null,
                filter, false, "test");
        return job.run(prober, options, writer, new Progress(new PrintStream(PrintStream.nullOutputStream()), false));
    }

    /** Records which thread writes each result, and whether each answered. */
    private static final class ThreadRecordingWriter extends ResultWriter {

        final List<String> targets = new ArrayList<>();
        final Set<String> threads = new HashSet<>();
        boolean allOk = true;

        ThreadRecordingWriter() {
            super(new StringWriter());
        }

        @Override
        protected void writeResult(ProbeResult result) throws IOException {
            targets.add(result.target());
            threads.add(Thread.currentThread().getName());
            allOk &= result.ok();
        }
    }
}
