package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RecordingServer;
import io.headprobe.testing.RecordingServer.Answer;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.TestCaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A module with {@code headprobe_tls_scan: true}: the scrape also scans the server's TLS and writes headprobe_tls_*. */
@QuarkusTest
@TestProfile(BlackboxTlsScanTest.Profile.class)
class BlackboxTlsScanTest {

    public static class Profile implements QuarkusTestProfile {
        /** The application trusts the test's CA, so that the scan's certificate check verifies. */
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestCaResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path config = Files.writeString(Files.createTempDirectory("blackbox").resolve("blackbox.yml"), """
                        modules:
                          http_tls_scan:
                            prober: http
                            http:
                              headprobe_tls_scan: true
                              tls_config: {insecure_skip_verify: true}
                          http_plain:
                            prober: http
                            http:
                              tls_config: {insecure_skip_verify: true}
                        """);
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aModuleAskingForATlsScanWritesItsMetrics() {
        // A JDK server (Vert.x): TLS 1.2 and 1.3 with the JDK's suites.
        try (RecordingServer server = RecordingServer.tls(TestCaResource.ca.leaf("127.0.0.1"), request -> Answer.ok("ok"))) {
            ScrapedMetrics metrics = scrape(server.url("/"), "http_tls_scan");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(1.0, metrics.value("headprobe_tls_scan_complete"));
            assertEquals("gauge", metrics.types.get("headprobe_tls_protocol_accepted"));
            assertEquals(Map.of("SSLv2", 0.0, "SSLv3", 0.0, "TLSv1", 0.0, "TLSv1.1", 0.0, "TLSv1.2", 1.0, "TLSv1.3", 1.0),
                    byLabel(metrics, "headprobe_tls_protocol_accepted", "version"));
            // Every class has its series, 0 included; no TLS 1.0, so no CBC with it; the JDK takes no 3DES or RC4.
            Map<String, Double> weak = byLabel(metrics, "headprobe_tls_weak_suites", "class");
            assertEquals(7, weak.size(), weak.toString());
            assertEquals(0.0, weak.get("CBC with TLS 1.0"));
            assertEquals(0.0, weak.get("3DES"));
            assertEquals(0.0, weak.get("RC4"));
            Map<String, Double> grade = byLabel(metrics, "headprobe_tls_grade_info", "grade");
            assertEquals(List.of(1.0), List.copyOf(grade.values()), grade.toString());
        }
    }

    @Test
    void aModuleWithoutTheKeyWritesNone() {
        try (RecordingServer server = RecordingServer.tls(TestCaResource.ca.leaf("127.0.0.1"), request -> Answer.ok("ok"))) {
            ScrapedMetrics metrics = scrape(server.url("/"), "http_plain");
            assertEquals(1.0, metrics.value("probe_success"));
            assertNull(metrics.value("headprobe_tls_scan_complete"));
            assertNull(metrics.value("headprobe_tls_protocol_accepted"));
        }
    }

    @Test
    void configShowsTheKey() {
        // /config writes every scalar as the file's text, quoted as blackbox's does for strings.
        given().when().get("/config").then().statusCode(200).body(containsString("headprobe_tls_scan: 'true'"));
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }

    private static Map<String, Double> byLabel(ScrapedMetrics metrics, String name, String label) {
        List<ScrapedMetrics.Sample> samples = metrics.samples.getOrDefault(name, List.of());
        return samples.stream().collect(Collectors.toMap(sample -> sample.labels().get(label), ScrapedMetrics.Sample::value));
    }
}
