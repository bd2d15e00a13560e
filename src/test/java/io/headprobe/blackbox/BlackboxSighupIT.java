package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * SIGHUP on the packaged jar or native binary reloads the blackbox config, as blackbox_exporter's
 * does; and with API keys configured, /config and /-/reload need one.
 */
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "against a running container: no process of ours to signal, no file to rewrite")
@QuarkusIntegrationTest
@TestProfile(BlackboxSighupIT.WithFileAndKey.class)
class BlackboxSighupIT {

    static final String KEY = "test-key-sighup-8d1f";

    public static class WithFileAndKey implements QuarkusTestProfile {
        /** A fixed name: the test's class loader and Quarkus' each load this class, and both must mean one file. */
        static final Path FILE = Path.of("target", "blackbox-sighup-it.yml").toAbsolutePath();

        static {
            write(BlackboxReloadTest.FIRST);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.blackbox.config-file", FILE.toString(), "headprobe.auth.api-keys", KEY);
        }
    }

    @Test
    void sighupReadsTheFileAgain() throws Exception {
        write(BlackboxReloadTest.FIRST_AND_SECOND);
        kill("-HUP", application());
        // The signal is handled on its own thread: wait for the module to show, up to a generous bound.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", "Bearer " + KEY)
                .when().get("/config").then().statusCode(200).body(containsString("second:")));
        given().header("Authorization", "Bearer " + KEY).queryParam("target", "http://127.0.0.1:1/")
                .queryParam("module", "second").when().get("/probe").then().statusCode(200);
    }

    @Test
    void theExportersRoutesNeedAKey() {
        given().when().get("/config").then().statusCode(401);
        given().when().post("/-/reload").then().statusCode(401);
        given().header("Authorization", "Bearer " + KEY).when().post("/-/reload").then().statusCode(200);
    }

    /** The application under test: the process this test JVM started (java -jar, or the native binary). */
    private static long application() {
        List<ProcessHandle> children = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(WithFileAndKey.FILE.toString()))
                .toList();
        assertEquals(1, children.size(), "one child process started with this test's blackbox file: " + children);
        return children.get(0).pid();
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor());
    }

    private static void write(String yaml) {
        try {
            Files.writeString(WithFileAndKey.FILE, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
