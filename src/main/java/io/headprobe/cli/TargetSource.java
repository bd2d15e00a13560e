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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The targets of one run, read one at a time as probes finish (never the whole list at once):
 * the arguments, then -l FILE, then standard input. Blank lines and # comments are skipped.
 * With {@code --path}, each target is handed out once at each path, in the order given.
 */
final class TargetSource implements Iterator<String> {

    private final Iterator<String> arguments;
    private final List<String> files;
    private final List<String> paths;
    private BufferedReader reader;
    private String next;
    /** The target being handed out at each path, and the index of its next path. */
    private String pathsOf;
    private int path;
    private long read;

    private TargetSource(List<String> arguments, List<String> files, List<String> paths) {
        this.arguments = arguments.iterator();
        this.files = new ArrayList<>(files);
        this.paths = List.copyOf(paths);
    }

    /**
     * Where the targets come from, or null when nothing names any: standard input is read for
     * '-' (as a target or -l), or when there are no other targets and it is not a terminal.
     */
    static TargetSource open(List<String> targets, String list, List<String> paths, boolean stdinIsTerminal) {
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
        return new TargetSource(arguments, files, paths);
    }

    @Override
    public boolean hasNext() {
        return pathsOf != null || hasNextTarget();
    }

    @Override
    public String next() {
        if (paths.isEmpty()) {
            read++;
            return nextTarget();
        }
        if (pathsOf == null) {
            pathsOf = nextTarget();
            path = 0;
        }
        String target = atPath(pathsOf, paths.get(path++));
        if (path == paths.size()) {
            pathsOf = null;
        }
        read++;
        return target;
    }

    /**
     * {@code target} at {@code path}, joined as httpx's -path joins them: the path goes after the
     * target's own path with one slash between ({@code /app} and {@code /admin}: {@code /app/admin}),
     * the target's query comes first and the path's after it; a fragment (never sent) is dropped.
     * The text is joined as given and checked as a URL when it is probed.
     */
    static String atPath(String target, String path) {
        String[] targetQuery = cut(cut(target.strip(), '#')[0], '?');
        String[] pathQuery = cut(cut(path, '#')[0], '?');
        String url = targetQuery[0];
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        String own = slash < 0 ? "" : url.substring(slash);
        String added = pathQuery[0];
        String joined = (own.endsWith("/") ? own.substring(0, own.length() - 1) : own) + "/"
                + (added.startsWith("/") ? added.substring(1) : added);
        String query = Stream.of(targetQuery[1], pathQuery[1]).filter(part -> part != null && !part.isEmpty())
                .collect(Collectors.joining("&"));
        return (slash < 0 ? url : url.substring(0, slash)) + joined + (query.isEmpty() ? "" : "?" + query);
    }

    /** The text before the first {@code at} and the text after it (null when there is none). */
    private static String[] cut(String text, char at) {
        int i = text.indexOf(at);
        return i < 0 ? new String[] { text, null } : new String[] { text.substring(0, i), text.substring(i + 1) };
    }

    private boolean hasNextTarget() {
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

    private String nextTarget() {
        if (!hasNextTarget()) {
            throw new NoSuchElementException();
        }
        String target = next;
        next = null;
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
