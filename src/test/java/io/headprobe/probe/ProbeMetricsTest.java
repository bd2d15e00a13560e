package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;

/** Probe outcomes, fetch latency and in-flight gauges on /q/metrics (Prometheus format). */
@QuarkusTest
class ProbeMetricsTest {

    @Test
    void eachResultCountsOnceUnderItsOutcomeAndEachHopIsTimed() {
        String ok = "headprobe_probes_total{code=\"none\",outcome=\"ok\"}";
        String blocked = "headprobe_probes_total{code=\"BLOCKED_ADDRESS\",outcome=\"error\"}";
        String fetches = "headprobe_fetch_seconds_count{outcome=\"ok\"}";
        String before = metrics();

        try (RawServer target = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"))) {
            given().queryParam("target", target.url("/a")).queryParam("target", target.url("/b"))
                    .queryParam("target", "http://127.0.0.2/").when().get("/probe").then().statusCode(200);
        }
        String after = metrics();

        assertEquals(2, value(after, ok) - value(before, ok));
        assertEquals(1, value(after, blocked) - value(before, blocked));
        assertEquals(2, value(after, fetches) - value(before, fetches), "the blocked target was never fetched");
        assertTrue(after.contains("headprobe_fetch_seconds_bucket{outcome=\"ok\",le=\""), "latency histogram");
        assertEquals(0, gauge(after, "headprobe_fetches_in_flight"));
        assertEquals(0, gauge(after, "headprobe_requests_in_flight"));
    }

    /** Text format 0.0.4, whose writer (Prometheus simpleclient) ends every label set with a comma: dropped here. */
    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().replace(",}", "}");
    }

    /** A sample's value; counters that have never counted do not exist yet (0). */
    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static double gauge(String metrics, String series) {
        assertTrue(metrics.contains("\n" + series + " "), series + " is missing from /q/metrics");
        return value(metrics, series);
    }
}
