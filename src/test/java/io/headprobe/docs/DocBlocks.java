package io.headprobe.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell blocks of README.md and docs/*.md with the marker on the line before each:
 * {@code <!-- example: expect "TEXT" exit N -->} (run by {@link DocExamplesIT}) or
 * {@code <!-- illustrative: WHY -->} (not run). docs/design.md describes the markers for writers.
 */
final class DocBlocks {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(bash|sh|shell|console)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*(example|illustrative)(?::(.*?))?\\s*-->$");
    private static final Pattern WORD = Pattern.compile("\\s*(?:expect\\s+\"((?:[^\"\\\\]|\\\\.)*)\"|exit\\s+(\\d+))");

    private DocBlocks() {
    }

    /** A shell block: where it is, whether it runs, what it must print and exit with. */
    record Block(Path file, int line, boolean runs, List<String> expected, int exit, String script) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** README.md and every page directly under docs/. */
    static List<Path> pages() {
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        pages().forEach(page -> blocks.addAll(of(page)));
        return blocks;
    }

    /** The page's shell blocks; an unmarked block or a marker that does not parse is an AssertionError. */
    static List<Block> of(Path page) {
        List<String> lines = read(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            String where = page + ":" + (i + 1);
            Matcher marker = MARKER.matcher(i == 0 ? "" : lines.get(i - 1).strip());
            if (!marker.matches()) {
                throw new AssertionError(where + ": a shell block needs <!-- example: expect \"...\" --> "
                        + "or <!-- illustrative: why --> on the line before it");
            }
            int indent = fence.group(1).length();
            StringBuilder script = new StringBuilder();
            int end = i + 1;
            for (; end < lines.size() && !lines.get(end).strip().startsWith("```"); end++) {
                String line = lines.get(end);
                script.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
            }
            blocks.add(block(page, i + 1, marker.group(1).equals("example"), marker.group(2), script.toString()));
            i = end;
        }
        return blocks;
    }

    private static Block block(Path page, int line, boolean runs, String words, String script) {
        String where = page + ":" + line;
        String text = words == null ? "" : words.strip();
        if (!runs) {
            if (text.isEmpty()) {
                throw new AssertionError(where + ": say why the block is illustrative: <!-- illustrative: why -->");
            }
            return new Block(page, line, false, List.of(), 0, script);
        }
        List<String> expected = new ArrayList<>();
        int exit = 0;
        Matcher word = WORD.matcher(text);
        int at = 0;
        while (at < text.length() && word.find(at) && word.start() == at) {
            if (word.group(1) != null) {
                expected.add(word.group(1).replaceAll("\\\\(.)", "$1"));
            } else {
                exit = Integer.parseInt(word.group(2));
            }
            at = word.end();
        }
        if (at < text.length() || expected.isEmpty()) {
            throw new AssertionError(where + ": an example states what it prints, as expect \"TEXT\" (and exit N): "
                    + "cannot read '" + text.substring(Math.min(at, text.length())) + "'");
        }
        return new Block(page, line, true, expected, exit, script);
    }

    static List<String> read(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
