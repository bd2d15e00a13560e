package io.headprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus' promtool (Debian package "prometheus") from a test. Without it a test is skipped
 * with a message, except on CI (CI=true), where a missing promtool is a failure: the check must run there.
 */
public final class Promtool {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    /** promtool's exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool check metrics}, the exposition on stdin. Exit 1 is a parse error, 3 lint findings. */
    public static Result checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /** Any other promtool command, e.g. {@code check config FILE}. */
    public static Result run(String stdin, String... arguments) {
        requireInstalled();
        List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireInstalled() {
        if (Files.isExecutable(PROMTOOL)) {
            return;
        }
        String message = PROMTOOL + " is missing (apt-get install prometheus)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + ": required on CI");
        }
        Assumptions.abort(message + ": promtool checks skipped");
    }
}
