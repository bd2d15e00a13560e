package io.headprobe.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A Debian program the tests use as a real peer (Prometheus, blackbox_exporter, nghttpd), started
 * on a loopback port and stopped after. Missing, the test is skipped saying why, except when
 * CI=true: then a broken install step must not hide behind a skip.
 */
public final class ExternalProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ExternalProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips (or, under CI=true, fails) the calling test when {@code program} is not installed. */
    public static void require(Path program, String debianPackage) {
        requireFile(program, Files.isExecutable(program), debianPackage);
    }

    /** Skips (or, under CI=true, fails) the calling test when a file {@code debianPackage} installs is missing. */
    public static void requireFile(Path file, String debianPackage) {
        requireFile(file, Files.isRegularFile(file), debianPackage);
    }

    private static void requireFile(Path file, boolean present, String debianPackage) {
        if (present) {
            return;
        }
        String why = file + " is missing (apt-get install " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + ": .ci/run should have installed it");
        }
        assumeTrue(false, why + "; skipped");
    }

    /** Starts {@code command}, where "{port}" stands for a free loopback port, and waits until it listens. */
    public static ExternalProcess start(Path workDir, String... command) throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>();
        for (String arg : command) {
            args.add(arg.replace("{port}", String.valueOf(port)));
        }
        Process process = new ProcessBuilder(args).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("output.log").toFile()).start();
        ExternalProcess started = new ExternalProcess(process, port);
        started.awaitListening(workDir);
        return started;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitListening(Path workDir) throws IOException {
        Path output = workDir.resolve("output.log");
        try {
            await("listening on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .failFast(() -> {
                        if (!process.isAlive()) {
                            fail("exited with " + process.exitValue() + ": " + Files.readString(output));
                        }
                    })
                    .until(() -> Loopback.accepts(port));
        } catch (ConditionTimeoutException e) {
            fail(e.getMessage() + " Output: " + Files.readString(output), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
