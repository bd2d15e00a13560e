package io.headprobe.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.TestCa;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@code headprobe tls}: the packaged artifact run as a command, its scan the same as GET /tls's. */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "against a running container: the command needs this build's artifact")
class TlsCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestCa CA = TestCa.create();

    @Test
    void writesTheServicesScanOneLinePerHost() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), OpenSslServer.Config.TLS12_RSA_CBC)) {
            String target = "localhost:" + server.port();
            CommandRun run = CommandRun.run("", "tls", "--jsonl", target);
            assertEquals(0, run.await(), run.stderr());
            List<String> lines = run.remainingLines();
            assertEquals(1, lines.size(), lines::toString);
            ObjectNode fromCommand = (ObjectNode) JSON.readTree(lines.get(0));
            ObjectNode fromService = (ObjectNode) JSON.readTree(given().queryParam("target", target).get("/tls").asString());
            // Times differ run to run; everything else is the same scan of the same server.
            fromCommand.remove("durationMs");
            fromService.remove("durationMs");
            assertEquals(fromService, fromCommand);
            assertEquals("static RSA", fromCommand.get("weak").get(0).asText());
        }
    }

    @Test
    void theTableIsOneLinePerHostAndAFailedScanExitsOne() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), OpenSslServer.Config.TLS12_ECDHE)) {
            CommandRun run = CommandRun.run("", "tls", "--table", "127.0.0.1:" + server.port(),
                    "127.0.0.1:" + Loopback.refusingPort());
            assertEquals(1, run.await(), run.stderr());
            List<String> lines = run.remainingLines();
            assertEquals(2, lines.size(), lines::toString);
            String scanned = lines.stream().filter(line -> line.startsWith("127.0.0.1:" + server.port())).findFirst().orElseThrow();
            assertTrue(scanned.contains("TLSv1.2") && scanned.contains("3 suites") && scanned.contains("weak: none")
                    && scanned.contains("fs: all"), scanned);
            assertTrue(lines.stream().anyMatch(line -> line.contains("ConnectException")), lines::toString);
        }
    }

    @Test
    void aTargetThatIsNotAHostIsAUsageError() throws Exception {
        CommandRun run = CommandRun.run("", "tls", "ftp://example.org/");
        assertEquals(2, run.await(), run.stderr());
        assertTrue(run.stderr().contains("a TLS scan takes host[:port]") || run.stderr().contains("only http and https"),
                run.stderr());
        assertTrue(run.remainingLines().isEmpty());
    }
}
