package io.headprobe.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.headprobe.testing.RawServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Given a scan of loopback targets, when /ui/scans is open in headless Chromium, then its row shows
 * the progress while it runs and when it is done, the grade histogram of GET /scans/{id}, and its
 * results a page at a time. Skipped where Chromium is missing, except in CI (see {@link Browser#require}).
 */
@QuarkusTest
@TestProfile(ScanUiTest.SmallChunks.class)
class ScanUiTest extends BrowserTest {

    static final String KEY = "scan-ui-key-41c2";
    static final int QUICK = 229;

    /**
     * Chunks of 50: the quick host's 229 targets are one chunk (a host is never split), the held
     * host's target another, so the scan is seen part done. 127.0.0.2 is the held host.
     */
    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.auth.api-keys", KEY, "headprobe.scan.chunk-size", "50",
                    "headprobe.guard.allow", "127.0.0.1/32,127.0.0.2/32", "headprobe.probe.timeout", "30S");
        }
    }

    static RawServer quick;
    static RawServer held;
    static final CountDownLatch release = new CountDownLatch(1);

    @TestHTTPResource("/ui/scans/")
    URL page;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start(Files.createTempDirectory("headprobe-scan-ui-downloads"));
        quick = RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\nX-Frame-Options: DENY\r\nContent-Length: 0\r\n\r\n"));
        held = RawServer.on("127.0.0.2", socket -> {
            RawServer.readHead(socket.getInputStream());
            release.await();
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        });
    }

    @AfterAll
    static void stop() {
        release.countDown();
        if (browser != null) {
            browser.quit();
        }
        quick.close();
        held.close();
    }

    @Test
    void servesThePageAtUiScans() {
        given().redirects().follow(false).when().get("/ui/scans")
                .then().statusCode(301).header("Location", endsWith("scans/"));
        given().when().get("/ui/scans/")
                .then().statusCode(200).header("Cache-Control", "no-cache")
                .body(containsString("<title>HeadProbe scans</title>"));
    }

    @Test
    void followsAScanToDoneAndPagesThroughItsResults() throws IOException {
        List<String> targets = new ArrayList<>(IntStream.range(0, QUICK).mapToObj(i -> quick.url("/t/" + i)).toList());
        targets.add(held.url("/held"));
        String name = "ui scan " + System.nanoTime();
        String id = given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                .body(Map.of("targets", targets, "audit", true, "name", name))
                .when().post("/scans").then().statusCode(202).extract().path("id");

        browser.driver.get(page.toString());
        // Without the key, the list is refused and the page says so; with it, the scan appears.
        browser.wait.until(attributeToBe(By.id("scans-summary"), "data-state", "failed"));
        assertTrue(browser.driver.findElement(By.id("problem")).getText().contains("API key"));
        browser.driver.findElement(By.id("api-key")).sendKeys(KEY, Keys.TAB);
        By row = By.cssSelector("#scans tbody tr[data-id=\"" + id + "\"]");

        // The quick host's chunk is stored; the held target keeps the scan running.
        browser.wait.until(textToBePresentInElementLocated(row, QUICK + "/" + targets.size()));
        assertEquals("running", browser.driver.findElement(row).getAttribute("data-state"));
        assertEquals("running", browser.driver.findElement(By.id("scans-summary")).getAttribute("data-state"));
        release.countDown();
        browser.wait.until(attributeToBe(row, "data-state", "done"));
        WebElement scan = browser.driver.findElement(row);
        WebElement progress = scan.findElement(By.cssSelector("progress"));
        assertEquals(String.valueOf(targets.size()), progress.getAttribute("value"));
        assertEquals(String.valueOf(targets.size()), progress.getAttribute("max"));
        assertTrue(scan.getText().contains(targets.size() + "/" + targets.size()), scan.getText());
        assertTrue(scan.getText().contains(name), scan.getText());

        Map<String, Integer> byGrade = given().header("Authorization", "Bearer " + KEY).when().get("/scans/" + id)
                .then().statusCode(200).extract().jsonPath().getMap("byGrade", String.class, Integer.class);
        assertFalse(byGrade.isEmpty(), "the audit graded the targets");
        Map<String, Integer> shown = new LinkedHashMap<>();
        for (WebElement bar : scan.findElements(By.cssSelector(".histogram li"))) {
            shown.put(bar.getAttribute("data-grade"), Integer.valueOf(bar.getAttribute("data-count")));
        }
        assertEquals(byGrade, shown);

        scan.findElement(By.cssSelector("button.open-scan")).click();
        List<String> seen = new ArrayList<>();
        seen.addAll(resultsPage("Results 1 to 100 of 230", 100, true));
        browser.driver.findElement(By.id("next-page")).click();
        seen.addAll(resultsPage("Results 101 to 200 of 230", 100, true));
        browser.driver.findElement(By.id("next-page")).click();
        seen.addAll(resultsPage("Results 201 to 230 of 230", 30, false));
        assertEquals(new HashSet<>(targets), new HashSet<>(seen), "every target once over the three pages");
        assertEquals(targets.size(), seen.size());
        browser.assertNoAxeViolation("the scans page with a done scan and its last page of results");
        browser.screenshot("ui-scans-screenshot.png");

        browser.driver.findElement(By.id("first-page")).click();
        resultsPage("Results 1 to 100 of 230", 100, true);
    }

    /** Waits for the results summary, then returns the targets of the rows shown. */
    private static List<String> resultsPage(String summary, int rows, boolean more) {
        browser.wait.until(textToBePresentInElementLocated(By.id("results-summary"), summary));
        List<WebElement> shown = browser.driver.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(rows, shown.size());
        assertEquals(!more, !browser.driver.findElement(By.id("next-page")).isEnabled());
        return shown.stream().map(tr -> tr.getAttribute("data-target")).toList();
    }
}
