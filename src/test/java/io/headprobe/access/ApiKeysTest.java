package io.headprobe.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from configuration and from a file, and how a presented key is told apart. */
class ApiKeysTest {

    private static ApiKeys keys(Optional<List<String>> list, Optional<Path> file) {
        ApiKeys keys = new ApiKeys();
        keys.keys = list;
        keys.keysFile = file;
        keys.load();
        return keys;
    }

    @Test
    void noKeysMeansNoneRequired() {
        assertFalse(keys(Optional.empty(), Optional.empty()).required());
    }

    @Test
    void aKeysFileSkipsBlankLinesAndCommentsAndTrimsKeys(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "# ops team\n  alpha-key  \n\n#beta-key\ngamma-key\n");
        ApiKeys keys = keys(Optional.of(List.of("delta-key")), Optional.of(file));

        assertTrue(keys.required());
        assertTrue(keys.identify("alpha-key").isPresent());
        assertTrue(keys.identify("gamma-key").isPresent());
        assertTrue(keys.identify("delta-key").isPresent());
        assertFalse(keys.identify("#beta-key").isPresent(), "a comment is not a key");
        assertFalse(keys.identify("beta-key").isPresent());
        assertFalse(keys.identify("").isPresent());
    }

    @Test
    void aKeyIsNamedByAFingerprintThatIsNotTheKey() {
        ApiKeys keys = keys(Optional.of(List.of("first-secret", "second-secret")), Optional.empty());

        String first = keys.identify("first-secret").orElseThrow();
        assertTrue(first.matches("key:[0-9a-f]{12}"), first);
        assertFalse(first.contains("first-secret"));
        assertEquals(first, keys.identify("first-secret").orElseThrow(), "stable, so limits can count by it");
        assertNotEquals(first, keys.identify("second-secret").orElseThrow());
    }

    @Test
    void anUnreadableKeysFileIsAnErrorThatNamesTheSetting(@TempDir Path dir) {
        Path missing = dir.resolve("absent");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> keys(Optional.empty(), Optional.of(missing)));
        assertTrue(refused.getMessage().contains("headprobe.auth.api-keys-file"), refused.getMessage());
    }
}
