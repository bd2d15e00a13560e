package io.headprobe.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCa;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The command line makes its beans by hand (it never starts Quarkus): what it writes must stay what
 * the service answers, byte for byte where nothing varies.
 */
@QuarkusTest
class CommandBeansTest {

    @Inject
    ObjectMapper serviceJson;

    @Test
    void theCommandsJsonMapperIsConfiguredAsTheServices() {
        ObjectMapper commandJson = CommandBeans.objectMapper();
        assertEquals(serviceJson.getRegisteredModuleIds(), commandJson.getRegisteredModuleIds());
        for (SerializationFeature feature : SerializationFeature.values()) {
            assertEquals(serviceJson.isEnabled(feature), commandJson.isEnabled(feature), feature.name());
        }
        for (DeserializationFeature feature : DeserializationFeature.values()) {
            assertEquals(serviceJson.isEnabled(feature), commandJson.isEnabled(feature), feature.name());
        }
        for (MapperFeature feature : MapperFeature.values()) {
            assertEquals(serviceJson.isEnabled(feature), commandJson.isEnabled(feature), feature.name());
        }
        assertEquals(serviceJson.getSerializationConfig().getDefaultPropertyInclusion(),
                commandJson.getSerializationConfig().getDefaultPropertyInclusion());
        assertEquals(serviceJson.getSerializationConfig().getTimeZone(), commandJson.getSerializationConfig().getTimeZone());
    }

    @Test
    void aTargetProbedByTheCommandIsWrittenAsPostProbeStreamWritesIt(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create();
        RawServer.Script page = RawServer.http10(200, "Content-Security-Policy: default-src 'none'",
                "Set-Cookie: id=1; Path=/", "Strict-Transport-Security: max-age=63072000", "X-Frame-Options: DENY");
        try (RawServer plain = RawServer.start(page); RawServer tls = RawServer.tls(ca.leaf("127.0.0.1"), page)) {
            for (String url : List.of(plain.url("/same"), "https://" + tls.hostPort() + "/same")) {
                JsonNode service = stable(serviceJson.readTree(given().contentType("application/json")
                        .body(Map.of("targets", List.of(url), "audit", true, "tlsVerify", false))
                        .post("/probe/stream").then().statusCode(200).extract().asString()));

                Path output = dir.resolve("results.jsonl");
                ProbeCommand probe = probeCommand("--audit", "-k", "--jsonl", "-q", "-o", output.toString(), url);
                assertEquals(0, probe.job().run(CommandBeans.of(probe.configuration())), "answered: "
                        + Files.readString(output));
                JsonNode command = stable(serviceJson.readTree(Files.readString(output)));

                assertEquals(service.toString(), command.toString());
                assertTrue(command.at("/audit/grade").isTextual(), command.toString());
            }
        }
    }

    /** {@code headprobe probe ARGS...} as the command line parses it. */
    private static ProbeCommand probeCommand(String... args) {
        List<String> line = new ArrayList<>(List.of("probe"));
        line.addAll(List.of(args));
        return Cli.commandLine().parseArgs(line.toArray(String[]::new)).subcommand().commandSpec().commandLine().getCommand();
    }

    /** The result without what differs from one fetch to the next: its timings. */
    private static JsonNode stable(JsonNode result) {
        if (result instanceof ObjectNode object) {
            object.remove(List.of("timings", "durationMs"));
        }
        result.forEach(CommandBeansTest::stable);
        return result;
    }
}
