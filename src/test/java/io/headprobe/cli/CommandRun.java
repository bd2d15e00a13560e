package io.headprobe.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.headprobe.testing.Artifact;

/** The packaged artifact run as a command: its standard output line by line, its standard error whole. */
final class CommandRun implements AutoCloseable {

    private static final String END = "\u0000end";

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread errReader;

    private CommandRun(Process process) {
        this.process = process;
        Thread outReader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // the process ended
            }
            lines.add(END);
        });
        outReader.setDaemon(true);
        outReader.start();
        errReader = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the process ended
            }
        });
        errReader.setDaemon(true);
        errReader.start();
    }

    /** Starts {@code headprobe ARGS...}; standard input stays open for {@link #stdin}. */
    static CommandRun start(String... args) {
        return start(List.of(), args);
    }

    /**
     * Starts it with SIGINT at its default disposition, as in an interactive shell. A build started
     * in the background ({@code mvn ... &}) runs with SIGINT ignored, every child inherits that, and
     * both the JVM and the native image then keep it ignored, as Unix wants for background jobs.
     * GNU env (coreutils 8.31+) resets it and execs the command: the PID stays the command's.
     */
    static CommandRun startInterruptible(String... args) {
        return start(List.of("env", "--default-signal=INT"), args);
    }

    /** Starts {@code headprobe ARGS...} with these variables added to its environment. */
    static CommandRun startWithEnvironment(Map<String, String> environment, String... args) {
        return start(List.of(), environment, args);
    }

    /** Starts {@code headprobe ARGS...} with these system properties ({@code -Dkey=value}). */
    static CommandRun startWithSystemProperties(List<String> properties, String... args) {
        return start(List.of(), Map.of(), properties, args);
    }

    private static CommandRun start(List<String> prefix, String... args) {
        return start(prefix, Map.of(), args);
    }

    private static CommandRun start(List<String> prefix, Map<String, String> environment, String... args) {
        return start(prefix, environment, List.of(), args);
    }

    private static CommandRun start(List<String> prefix, Map<String, String> environment, List<String> properties,
            String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(Artifact.command(properties, List.of(args)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            return new CommandRun(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code headprobe ARGS...} with this standard input to its end. */
    static CommandRun run(String stdin, String... args) throws InterruptedException {
        CommandRun run = start(args);
        run.stdin(stdin);
        run.await();
        return run;
    }

    void stdin(String text) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line of standard output, or null once it ended. */
    String nextLine(int seconds) throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no output line within " + seconds + " s; so far " + seen + "; stderr: " + stderr());
        }
        if (line.equals(END)) {
            lines.add(END);
            return null;
        }
        seen.add(line);
        return line;
    }

    /** Every remaining line of standard output, once the process closed it. */
    List<String> remainingLines() throws InterruptedException {
        List<String> rest = new ArrayList<>();
        for (String line = nextLine(60); line != null; line = nextLine(60)) {
            rest.add(line);
        }
        return rest;
    }

    int await() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after 60 s; stderr: " + stderr());
        }
        errReader.join(5000);
        return process.exitValue();
    }

    String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
