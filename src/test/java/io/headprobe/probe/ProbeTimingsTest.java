package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A result's timings: the phases fit in the total, and a slow phase shows where the time went. */
@QuarkusTest
class ProbeTimingsTest {

    /** How long the slow server thinks before it answers: the behaviour under test, not a wait for it. */
    private static final int THINKS_MS = 300;

    /** How much of the thinking may fall before the request counts as written (see below). */
    private static final int WRITE_SLACK_MS = 20;

    private static RawServer slowHead;

    @BeforeAll
    static void startServer() {
        slowHead = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            Thread.sleep(THINKS_MS);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
    }

    @AfterAll
    static void stopServer() {
        slowHead.close();
    }

    private static JsonPath probe(String target) {
        return given().contentType("application/json").body(Map.of("targets", List.of(target)))
                .post("/probe").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSlowHeadShowsInTheHeadersPhaseAndThePhasesFitInTheTotal() {
        JsonPath result = probe(slowHead.url("/slow"));
        assertEquals(200, result.getInt("results[0].status"));
        assertNull(result.get("results[0].timings.dnsMs"), "an address literal needs no lookup");
        double connect = result.getDouble("results[0].timings.connectMs");
        double headers = result.getDouble("results[0].timings.headersMs");
        double total = result.getDouble("results[0].timings.totalMs");
        // The request counts as written when its write completes on our side, which may be just
        // after the server has it and starts to think: a few milliseconds of the thinking fall before.
        assertTrue(headers >= THINKS_MS - WRITE_SLACK_MS, "headers " + headers + " ms: the server thought " + THINKS_MS + " ms");
        assertTrue(headers > connect, "the slow phase dominates: headers " + headers + ", connect " + connect);
        assertTrue(connect >= 0, "connect " + connect);
        assertTrue(connect + headers <= total + 0.01, connect + " + " + headers + " > total " + total);
    }

    @Test
    void aNamedTargetAddsItsLookupAndStillFitsInTheTotal() {
        JsonPath result = probe("http://allowed.test:" + slowHead.port() + "/named");
        assertEquals(200, result.getInt("results[0].status"));
        double dns = result.getDouble("results[0].timings.dnsMs");
        double connect = result.getDouble("results[0].timings.connectMs");
        double headers = result.getDouble("results[0].timings.headersMs");
        double total = result.getDouble("results[0].timings.totalMs");
        assertTrue(dns >= 0 && connect >= 0, "dns " + dns + ", connect " + connect);
        assertTrue(headers >= THINKS_MS - WRITE_SLACK_MS, "headers " + headers);
        assertTrue(dns + connect + headers <= total + 0.01, dns + " + " + connect + " + " + headers + " > total " + total);
    }
}
