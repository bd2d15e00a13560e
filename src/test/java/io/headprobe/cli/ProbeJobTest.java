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

    @Inject
    Prober prober;

    @Inject
    ProbeRequests requests;

    @BeforeAll
    static void startTarget() {
        target = Loopback.answering(200, Map.of());
    }

    @AfterAll
    static void stopTarget() {
        target.stop(0);
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
    }

    /** Records which thread writes each result. */
    private static final class ThreadRecordingWriter extends ResultWriter {

        final List<String> targets = new ArrayList<>();
        final Set<String> threads = new HashSet<>();

        ThreadRecordingWriter() {
            super(new StringWriter());
        }

        @Override
        protected void writeResult(ProbeResult result) throws IOException {
            targets.add(result.target());
            threads.add(Thread.currentThread().getName());
            assertTrue(result.ok(), result::toString);
        }
    }
}
