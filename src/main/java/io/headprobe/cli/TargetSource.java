package io.headprobe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The targets of one run, read one at a time as probes finish (never the whole list at once):
 * the arguments, then -l FILE, then standard input. Blank lines and # comments are skipped.
 */
final class TargetSource implements Iterator<String> {

    private final Iterator<String> arguments;
    private final List<String> files;
    private BufferedReader reader;
    private String next;
    private long read;

    private TargetSource(List<String> arguments, List<String> files) {
        this.arguments = arguments.iterator();
        this.files = new ArrayList<>(files);
    }

    /**
     * Where the targets come from, or null when nothing names any: standard input is read for
     * '-' (as a target or -l), or when there are no other targets and it is not a terminal.
     */
    static TargetSource open(List<String> targets, String list, boolean stdinIsTerminal) {
        List<String> arguments = targets.stream().filter(target -> !target.equals("-")).toList();
        List<String> files = new ArrayList<>();
        if (list != null) {
            files.add(list);
        }
        if (targets.contains("-") && !files.contains("-")) {
            files.add("-");
        }
        if (arguments.isEmpty() && files.isEmpty()) {
            if (stdinIsTerminal) {
                return null;
            }
            files.add("-");
        }
        return new TargetSource(arguments, files);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String line = nextLine();
            if (line == null) {
                return false;
            }
            String target = line.strip();
            if (!target.isEmpty() && !target.startsWith("#")) {
                next = target;
            }
        }
        return true;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String target = next;
        next = null;
        read++;
        return target;
    }

    /** Targets handed out so far. */
    long read() {
        return read;
    }

    private String nextLine() {
        if (arguments.hasNext()) {
            return arguments.next();
        }
        try {
            while (true) {
                if (reader == null) {
                    if (files.isEmpty()) {
                        return null;
                    }
                    String file = files.remove(0);
                    // InputStreamReader replaces malformed bytes: one bad line is one invalid target, not the end.
                    reader = file.equals("-")
                            ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                            : new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(file)), StandardCharsets.UTF_8));
                }
                String line = reader.readLine();
                if (line != null) {
                    return line;
                }
                reader.close();
                reader = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the targets: " + e.getMessage(), e);
        }
    }
}
