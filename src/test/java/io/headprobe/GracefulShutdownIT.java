package io.headprobe;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import com.sun.net.httpserver.HttpServer;

import io.headprobe.testing.Artifact;
import io.headprobe.testing.Loopback;

/**
 * SIGTERM while an NDJSON stream is still waiting for a slow target: readiness goes DOWN, the stream
 * still delivers its last result and ends properly, and the process exits 0. Runs the artifact this
 * build produced (the jar, or the native binary with -Dnative), started by the test itself because
 * it has to be signalled.
 */
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "against a running container: docker/test-image.sh checks its SIGTERM exit instead")
class GracefulShutdownIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * The app's output goes to a file, not a pipe: the JDK closes a process's pipe when the process
     * exits, and a reader still draining it then loses the last lines ("Stream closed").
     */
    private Path output;
    private Process app;
    private HttpServer target;

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.destroyForcibly();
        }
        if (target != null) {
            target.stop(0);
        }
        if (output != null) {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void sigtermLetsARunningStreamFinishThenExitsZero() throws Exception {
        CountDownLatch slowArrived = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        target = HttpServer.create(new InetSocketAddress(Loopback.address(), 0), 10);
        target.setExecutor(Executors.newCachedThreadPool());
        target.createContext("/fast", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.createContext("/slow", exchange -> {
            slowArrived.countDown();
            try {
                releaseSlow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        String targets = "http://127.0.0.1:" + target.getAddress().getPort();

        int port = Loopback.refusingPort();
        app = start(port);
        awaitOutput("Listening on", 60);
        URI base = URI.create("http://127.0.0.1:" + port);

        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(base.resolve("/probe/stream"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"targets\": [\"" + targets + "/fast\", \"" + targets + "/slow\"]}"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        Iterator<String> lines = stream.body().iterator();
        assertTrue(lines.next().contains("/fast\""), "the fast target's result comes first");
        assertTrue(slowArrived.await(10, TimeUnit.SECONDS), "the slow target was asked");

        app.destroy();
        awaitReadinessDown(base);

        releaseSlow.countDown();
        String last = lines.next();
        assertTrue(last.contains("/slow\"") && last.contains("\"status\":200"), last);
        assertFalse(lines.hasNext(), "the stream ends after the last result");

        assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the process exits");
        assertEquals(0, app.exitValue(), "exit code after SIGTERM; output: " + output());
        // The access log's batch is written on the way out, in the console log's layout.
        awaitOutput("INFO  [io.hea.access] method=POST path=/probe/stream status=200 durationMs=", 10);
    }

    private Process start(int port) throws IOException {
        // A pause with readiness DOWN before the server stops taking requests, so that DOWN is observable
        // (3 s: on a loaded 2-core machine 1 s was a window the poll could miss).
        List<String> command = Artifact.command(
                List.of("-Dquarkus.http.port=" + port, "-Dquarkus.profile=test", "-Dquarkus.shutdown.delay=3S",
                        "-Dheadprobe.access-log.output=stdout", "-Dquarkus.log.category.\"io.headprobe.access\".level=INFO"),
                List.of());
        output = Files.createTempFile("graceful-shutdown", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Reads the output again until it holds {@code text}; the app writes it when it gets there. */
    private void awaitOutput(String text, int seconds) {
        await("the output").atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(20))
                .until(this::output, containsString(text));
    }

    /**
     * Asks /q/health/ready until it answers DOWN; the signal is delivered asynchronously. A refused
     * connection ends the wait at once: the server stopped without being seen DOWN.
     */
    private void awaitReadinessDown(URI base) throws IOException {
        try {
            await("readiness DOWN").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    // The server may close a connection while it shuts down; ask again.
                    .ignoreExceptionsMatching(e -> e instanceof IOException && !(e instanceof ConnectException))
                    .until(() -> http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()),
                            ready -> ready.statusCode() == 503 && ready.body().replace(" ", "").contains("\"status\":\"DOWN\""));
        } catch (Exception e) { // ConditionTimeoutException, or the ConnectException
            throw new AssertionError("readiness reports DOWN once SIGTERM arrived; output: " + output(), e);
        }
    }
}
