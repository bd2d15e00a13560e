package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Chromium's preload list file, read as Observatory reads it, and the start-up check of its setting. */
class HstsPreloadTest {

    @Test
    void readsChromiumsFormatWithItsComments() {
        // "//" inside a string (the pinsets' report_uri) is not a comment
        assertEquals(5, TestResponses.PRELOAD.size());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "bugzilla.mozilla.org | true",
            // include_subdomains covers every level below
            "a.b.bugzilla.mozilla.org | true",
            "mozilla.org | false",
            // force-https without include_subdomains: the name only
            "facebook.com | true",
            "www.facebook.com | false",
            // include_subdomains_for_pinning and no mode: pinned, not preloaded
            "dropboxusercontent.com | false",
            "www.dropboxusercontent.com | false",
            // names are trimmed and lower-cased as Observatory stores them
            "upper.example | true",
            "notcloudflare.com | false",
            "cloudflare.com | true" })
    void coversAsObservatorysIsHstsPreloaded(String host, boolean covered) {
        assertEquals(covered, TestResponses.PRELOAD.covers(host));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "[]", "{}", "{\"entries\": {}}", "{\"entries\": [{\"mode\": \"force-https\"}]}", "{\"entries\": [" })
    void refusesWhatIsNotSuchAList(String json, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("list.json"), json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HstsPreload.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void aMissingFileStopsStartUpNamingTheSetting(@TempDir Path dir) {
        AuditConfig missing = config(Optional.of(dir.resolve("missing.json").toString()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new HstsPreloadFile(missing));
        assertEquals("headprobe.audit.hsts-preload-file: " + dir.resolve("missing.json") + " does not exist", e.getMessage());
    }

    @Test
    void withoutTheSettingNothingIsPreloaded() {
        assertEquals(HstsPreload.NONE, new HstsPreloadFile(config(Optional.empty())).list());
        assertTrue(new HstsPreloadFile(config(Optional.of(TestResponses.PRELOAD_FILE.toString()))).list().covers("cloudflare.com"));
    }

    private static AuditConfig config(Optional<String> file) {
        return new AuditConfig() {
            @Override
            public int maxHeaders() {
                return 500;
            }

            @Override
            public int maxHeaderBytes() {
                return 262144;
            }

            @Override
            public int maxBodyBytes() {
                return 262144;
            }

            @Override
            public Optional<String> hstsPreloadFile() {
                return file;
            }
        };
    }
}
