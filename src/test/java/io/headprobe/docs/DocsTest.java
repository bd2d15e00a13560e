package io.headprobe.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README is the front door: short, linking every page; every shell block says whether it is run. */
class DocsTest {

    @Test
    void readmeIsShortAndLinksEveryPage() {
        List<String> readme = DocBlocks.read(Path.of("README.md"));
        assertTrue(readme.size() <= 220, "README.md has " + readme.size() + " lines; the detail belongs in docs/");
        String text = String.join("\n", readme);
        for (Path page : DocBlocks.pages().subList(1, DocBlocks.pages().size())) {
            assertTrue(text.contains("](docs/" + page.getFileName() + ")"), "README.md does not link " + page);
        }
    }

    /** .ci/run runs the first line of README's first bash block on a fresh clone: it must be the build-and-serve command. */
    @Test
    void readmeStartsWithTheSetUpCommands() {
        List<String> readme = DocBlocks.read(Path.of("README.md"));
        int fence = readme.indexOf("```bash");
        assertTrue(fence > 0 && fence < 5, "README's first block comes first");
        assertTrue(readme.get(fence + 1).contains("./mvnw -DskipTests package quarkus:run"), readme.get(fence + 1));
        assertTrue(readme.get(fence + 2).startsWith("./mvnw verify"), readme.get(fence + 2));
    }

    @Test
    void everyShellBlockIsMarkedAndSomeAreRun() {
        List<DocBlocks.Block> blocks = DocBlocks.all();
        assertFalse(blocks.isEmpty());
        assertTrue(blocks.stream().filter(DocBlocks.Block::runs).count() >= 20, "examples run: " + blocks);
    }

    @Test
    void readsTheMarkers(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, """
                <!-- example: expect "a \\"quoted\\" word" expect "two" exit 1 -->
                ```bash
                echo one
                ```

                  <!-- illustrative: needs a database -->
                  ```sh
                  psql
                  ```
                """);
        List<DocBlocks.Block> blocks = DocBlocks.of(page);
        assertEquals(2, blocks.size());
        assertEquals(List.of("a \"quoted\" word", "two"), blocks.get(0).expected());
        assertEquals(1, blocks.get(0).exit());
        assertEquals("echo one\n", blocks.get(0).script());
        assertFalse(blocks.get(1).runs());
        assertEquals("psql\n", blocks.get(1).script());
    }

    @Test
    void refusesUnmarkedBlocksAndExamplesThatCheckNothing(@TempDir Path dir) throws Exception {
        Path unmarked = dir.resolve("unmarked.md");
        Files.writeString(unmarked, "Text\n```bash\necho\n```\n");
        assertTrue(assertThrows(AssertionError.class, () -> DocBlocks.of(unmarked)).getMessage().contains("unmarked.md:2"));
        Path unchecked = dir.resolve("unchecked.md");
        Files.writeString(unchecked, "<!-- example -->\n```bash\necho\n```\n");
        assertThrows(AssertionError.class, () -> DocBlocks.of(unchecked));
        Path typo = dir.resolve("typo.md");
        Files.writeString(typo, "<!-- example: expct \"x\" -->\n```bash\necho x\n```\n");
        assertThrows(AssertionError.class, () -> DocBlocks.of(typo));
    }
}
