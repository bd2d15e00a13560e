package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.headprobe.testing.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;

/** GET /probe?module=: blackbox_exporter's scrape, answered by HeadProbe. */
@QuarkusTest
class BlackboxExporterTest {

    @Test
    void answersAScrapeInThePrometheusTextFormat() {
        try (RawServer target = RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            String body = given().queryParam("target", target.url("/")).queryParam("module", "http_2xx")
                    .when().get("/probe")
                    .then().statusCode(200)
                    .contentType(equalTo("text/plain; version=0.0.4; charset=utf-8"))
                    .extract().asString();
            ScrapedMetrics metrics = ScrapedMetrics.parse(body);
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(200.0, metrics.value("probe_http_status_code"));
            assertEquals("gauge", metrics.types.get("probe_success"));
            assertEquals(0.0, metrics.value("probe_http_ssl"));
        }
    }

    @Test
    void aFailedProbeIsStillA200WithProbeSuccessZero() {
        String body = given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "http_2xx")
                .when().get("/probe").then().statusCode(200).extract().asString();
        assertEquals(0.0, ScrapedMetrics.parse(body).value("probe_success"));
    }

    @Test
    void theGuardStillApplies() {
        String body = given().queryParam("target", "http://127.0.0.2/").queryParam("module", "http_2xx")
                .when().get("/probe").then().statusCode(200).extract().asString();
        assertEquals(0.0, ScrapedMetrics.parse(body).value("probe_success"));
    }

    @Test
    void speaksOpenMetricsWhenPrometheusPrefersIt() {
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "http_2xx")
                .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
                .when().get("/probe")
                .then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text"))
                .body(endsWith("# EOF\n"));
    }

    @Test
    void refusesAsBlackboxDoes() {
        given().queryParam("module", "http_2xx").when().get("/probe")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Target parameter is missing"));
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "nope").when().get("/probe")
                .then().statusCode(400).body("detail", equalTo("Unknown module \"nope\""));
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "http_2xx")
                .header("X-Prometheus-Scrape-Timeout-Seconds", "abc").when().get("/probe")
                .then().statusCode(400).body("detail", containsString("X-Prometheus-Scrape-Timeout-Seconds"));
    }

    @Test
    void debugShowsTheLogTheMetricsAndTheModule() {
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "http_2xx").queryParam("debug", "true")
                .when().get("/probe")
                .then().statusCode(200)
                .body(startsWith("Logs for the probe:"))
                .body(containsString("Metrics that would have been returned:"))
                .body(containsString("probe_success 0"))
                .body(containsString("Module configuration:"));
    }

    @Test
    void theScrapeTimeoutLessHalfASecondCapsTheProbe() {
        Module module = Module.http2xx();
        Duration maximum = Duration.ofSeconds(3);
        assertEquals(Duration.ofMillis(1500), BlackboxExporter.timeout(module, "2", maximum));
        // HeadProbe's own maximum caps a longer scrape timeout, and applies when there is no header.
        assertEquals(maximum, BlackboxExporter.timeout(module, "10", maximum));
        assertEquals(maximum, BlackboxExporter.timeout(module, null, maximum));
    }

    @Test
    void withoutAModuleGetProbeStaysJson() {
        given().queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(200).contentType("application/json")
                .body("results[0].error.code", equalTo("CONNECT_FAILED"));
    }
}
