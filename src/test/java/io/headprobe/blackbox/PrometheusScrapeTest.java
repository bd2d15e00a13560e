package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.RawServer;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real Prometheus (Debian's) scrapes HeadProbe with the multi-target job of
 * docs/prometheus/prometheus.yml, pointed at this test's app and two loopback targets, and its
 * HTTP API then holds a series per target, and up == 1 for the job scraping /q/metrics.
 */
@QuarkusTest
class PrometheusScrapeTest {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @Test
    void prometheusSeesEveryTargetAndTheGrade() throws Exception {
        ExternalProcess.require(PROMETHEUS, "prometheus");
        try (RawServer ok = RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
                RawServer missing = RawServer.start(RawServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
            Path dir = Files.createTempDirectory("prometheus");
            String headprobe = "127.0.0.1:" + RestAssured.port;
            // The documented file, with this test's app and targets, and a fast scrape interval.
            String config = Files.readString(Path.of("docs/prometheus/prometheus.yml"))
                    .replace("HEADPROBE:8080", headprobe)
                    .replace("https://example.org/", ok.url("/"))
                    .replace("https://www.example.com/", missing.url("/"))
                    .replace("scrape_interval: 60s", "scrape_interval: 1s")
                    .replace("scrape_timeout: 15s", "scrape_timeout: 1s");
            Files.copy(Path.of("docs/prometheus/alerts.yml"), dir.resolve("alerts.yml"));
            Files.writeString(dir.resolve("prometheus.yml"), config);
            try (ExternalProcess prometheus = ExternalProcess.start(dir, PROMETHEUS.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:{port}")) {
                Map<String, Double> success = awaitSeries(prometheus, "probe_success", 2);
                assertEquals(Map.of(ok.url("/"), 1.0, missing.url("/"), 0.0), success);
                assertEquals(Map.of(ok.url("/"), 200.0, missing.url("/"), 404.0),
                        awaitSeries(prometheus, "probe_http_status_code", 2));
                assertEquals(2, awaitSeries(prometheus, "headprobe_audit_score", 2).size());
                assertEquals(1.0, awaitSeries(prometheus, "up{job=\"headprobe\"}", 1).values().iterator().next());
            }
        }
    }

    /** Polls Prometheus' query API until {@code query} has {@code count} series; instance -> value. */
    private static Map<String, Double> awaitSeries(ExternalProcess prometheus, String query, int count) {
        HttpClient client = HttpClient.newHttpClient();
        // Prometheus scrapes once a second: a look every 200 ms is enough.
        JsonNode answer = await(query + " with " + count + " series").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(prometheus.url(
                            "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    // Until its storage is ready Prometheus answers 503 in plain text: ask again.
                    return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
                }, last -> last != null && last.path("data").path("result").size() >= count);
        Map<String, Double> values = new TreeMap<>();
        answer.path("data").path("result").forEach(series -> values.put(series.path("metric").path("instance").asText(),
                Double.parseDouble(series.path("value").get(1).asText())));
        return values;
    }
}
