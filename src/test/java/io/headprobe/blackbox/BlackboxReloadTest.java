package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.headprobe.testing.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** blackbox_exporter's own surface: GET /config, POST /-/reload and their metrics on /q/metrics. */
@QuarkusTest
@TestProfile(BlackboxReloadTest.WithFileToRewrite.class)
class BlackboxReloadTest {

    static final String FIRST = """
            modules:
              first:
                prober: http
                http:
                  basic_auth:
                    username: probe
                    password: hunter2
                  http_headers:
                    X-Token:
                      values: [plain-value]
                      secrets: [s3cret-header]
            """;

    static final String FIRST_AND_SECOND = FIRST + """
              second:
                prober: http
                timeout: 5s
            """;

    public static class WithFileToRewrite implements QuarkusTestProfile {
        /** A fixed name: the test's class loader and Quarkus' each load this class, and both must mean one file. */
        static final Path FILE = Path.of("target", "blackbox-reload-test.yml").toAbsolutePath();

        static {
            write(FIRST);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.blackbox.config-file", FILE.toString());
        }
    }

    @BeforeEach
    void startFromTheFirstFile() {
        write(FIRST);
        given().when().post("/-/reload").then().statusCode(200);
    }

    @Test
    void configShowsTheModulesWithSecretsMasked() {
        given().when().get("/config")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("first:"), containsString("username: probe"), containsString("password: <secret>"),
                        containsString("- <secret>"), containsString("- plain-value"),
                        not(containsString("hunter2")), not(containsString("s3cret-header")));
    }

    @Test
    void aReloadedFileAddsAModuleThatScrapes() {
        double before = System.currentTimeMillis() / 1000.0;
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "second")
                .when().get("/probe").then().statusCode(400);

        write(FIRST_AND_SECOND);
        given().when().post("/-/reload").then().statusCode(200);

        try (RawServer target = RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            String body = given().queryParam("target", target.url("/")).queryParam("module", "second")
                    .when().get("/probe").then().statusCode(200).extract().asString();
            assertEquals(1.0, ScrapedMetrics.parse(body).value("probe_success"));
        }
        given().when().get("/config").then().body(containsString("second:"), containsString("timeout: 5s"));
        ScrapedMetrics metrics = appMetrics();
        assertEquals(1.0, metrics.value("blackbox_exporter_config_last_reload_successful"));
        double stamp = metrics.value("blackbox_exporter_config_last_reload_success_timestamp_seconds");
        assertTrue(stamp >= before - 1, "the good reload's time, " + stamp + ", is not after " + before);
    }

    @Test
    void aBrokenFileKeepsTheModulesLoadedBeforeAndSaysWhy() {
        write(FIRST_AND_SECOND);
        given().when().post("/-/reload").then().statusCode(200);
        double goodReload = appMetrics().value("blackbox_exporter_config_last_reload_success_timestamp_seconds");

        write(FIRST_AND_SECOND.replace("prober: http\n    timeout", "prober: smtp\n    timeout"));
        given().when().post("/-/reload")
                .then().statusCode(500)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(500))
                .body("detail", startsWith("failed to reload config: " + WithFileToRewrite.FILE))
                .body("detail", containsString("\"smtp\" is not a blackbox prober"));

        ScrapedMetrics metrics = appMetrics();
        assertEquals(0.0, metrics.value("blackbox_exporter_config_last_reload_successful"));
        assertEquals(goodReload, metrics.value("blackbox_exporter_config_last_reload_success_timestamp_seconds"));
        try (RawServer target = RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            String body = given().queryParam("target", target.url("/")).queryParam("module", "second")
                    .when().get("/probe").then().statusCode(200).extract().asString();
            assertEquals(1.0, ScrapedMetrics.parse(body).value("probe_success"), "the module loaded before is still there");
        }
        given().when().get("/config").then().body(containsString("second:"), not(containsString("smtp")));
    }

    @Test
    void reloadIsAPost() {
        given().when().get("/-/reload").then().statusCode(405);
    }

    @Test
    void eachScrapeOfAnUnknownModuleCounts() {
        double before = unknownModules();
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "nope")
                .when().get("/probe").then().statusCode(400).body("detail", equalTo("Unknown module \"nope\""));
        given().queryParam("target", "http://127.0.0.1:1/").queryParam("module", "nope")
                .when().get("/probe").then().statusCode(400);
        assertEquals(before + 2, unknownModules());
        Map<String, String> types = appMetrics().types;
        assertEquals("counter", types.getOrDefault("blackbox_module_unknown", types.get("blackbox_module_unknown_total")));
    }

    private static double unknownModules() {
        Double value = appMetrics().value("blackbox_module_unknown_total");
        return value == null ? 0 : value;
    }

    private static ScrapedMetrics appMetrics() {
        return ScrapedMetrics.parse(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static void write(String yaml) {
        try {
            Files.writeString(WithFileToRewrite.FILE, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
