package io.headprobe.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.headprobe.testing.Artifact;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Every {@code <!-- example: -->} block of README.md and docs/*.md, run with bash against the
 * packaged artifact on loopback: {@code localhost:8080} becomes the test's port, {@code headprobe}
 * on the PATH runs the artifact as a command, and the block's exit status and stated output are
 * checked. A block naming any host but loopback (or a name that never resolves) fails unrun.
 */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "against a running container: the command examples need this build's artifact")
class DocExamplesIT {

    private static final Pattern HOST = Pattern.compile("(?i)\\bhttps?://(\\[[^\\]]*\\]|[^/:\\s'\"\\\\]+)"
            + "|\\b((?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|de|uk|eu))\\b");
    private static final Pattern LOOPBACK = Pattern.compile("(?i)localhost|127(\\.\\d+){3}|\\[::1\\]|.+\\.test|.+\\.invalid");

    @TempDir
    static Path bin;

    @BeforeAll
    static void tools() throws IOException, InterruptedException {
        for (String tool : List.of("bash", "curl", "jq")) {
            boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
            if (!present && "true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true and the doc examples cannot run without " + tool);
            }
            Assumptions.assumeTrue(present, "the doc examples need " + tool);
        }
        // `headprobe` in an example is this build's artifact: the jar, or the native binary in the native pass.
        String command = Artifact.command(List.of(), List.of()).stream().map(DocExamplesIT::quoted)
                .collect(Collectors.joining(" "));
        Path headprobe = bin.resolve("headprobe");
        Files.writeString(headprobe, "#!/bin/sh\nexec " + command + " \"$@\"\n");
        Files.setPosixFilePermissions(headprobe, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @TestFactory
    Stream<DynamicTest> examples() {
        return DocBlocks.all().stream().filter(DocBlocks.Block::runs)
                .map(block -> DynamicTest.dynamicTest(block.toString(), () -> run(block)));
    }

    private static void run(DocBlocks.Block block) throws Exception {
        Matcher host = HOST.matcher(block.script());
        while (host.find()) {
            String name = host.group(1) != null ? host.group(1) : host.group(2);
            assertTrue(LOOPBACK.matcher(name).matches(), block + " names " + name + ": examples that run stay on loopback");
        }
        String port = String.valueOf(RestAssured.port);
        String script = onTestPort(block.script(), port);
        Path dir = Files.createTempDirectory("doc-example");
        ProcessBuilder builder = new ProcessBuilder("bash", "-eo", "pipefail", "-c", script).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        // The command never asks real DNS: names come from the test hosts file, the server is a dead port.
        builder.environment().put("HEADPROBE_DNS_SERVER", "127.0.0.1:9");
        builder.environment().put("HEADPROBE_DNS_HOSTS_FILE", Path.of("src/test/resources/hosts").toAbsolutePath().toString());
        Path stdout = Files.createTempFile("doc-example", ".out");
        Path err = Files.createTempFile("doc-example", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(block + " still running after 120 s");
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String report = block + "\n--- script\n" + script + "--- stdout\n" + out + "--- stderr\n" + Files.readString(err);
        assertEquals(block.exit(), process.exitValue(), report);
        for (String expected : block.expected()) {
            assertTrue(out.contains(onTestPort(expected, port)), "expected \"" + expected + "\" in\n" + report);
        }
    }

    private static String onTestPort(String text, String port) {
        return text.replace("localhost:8080", "localhost:" + port).replace("127.0.0.1:8080", "127.0.0.1:" + port);
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
