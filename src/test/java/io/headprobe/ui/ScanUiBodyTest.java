package io.headprobe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.headprobe.body.BodyFacts;
import io.headprobe.probe.ProbeResult;
import io.headprobe.scan.StoredScans;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Given a stored scan whose page titles are markup, when /ui/scans shows its results, then each
 * title is text in the Title column and nothing in it runs. The results are stored by the test
 * (no worker runs), so the page is tested whatever the fetcher reads.
 */
@QuarkusTest
@TestProfile(ScanUiBodyTest.NoWorkers.class)
class ScanUiBodyTest extends BrowserTest {

    public static class NoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.scan.workers", "0");
        }
    }

    static final String IMG = "<img src=x onerror=\"window.pwned=1\">";
    static final String BOLD = "<b>bold</b> & <script>window.pwned=2</script>";

    @TestHTTPResource("/ui/scans/")
    URL page;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start(Files.createTempDirectory("headprobe-scan-ui-body-downloads"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsPageTitlesMadeOfMarkupAsText() throws Exception {
        String name = "titles " + System.nanoTime();
        String id = StoredScans.finished(name, List.of(page("http://img.test/", IMG), page("http://bold.test/", BOLD),
                page("http://untitled.test/", null)));

        browser.driver.get(page.toString());
        By row = By.cssSelector("#scans tbody tr[data-id=\"" + id + "\"]");
        browser.wait.until(textToBePresentInElementLocated(row, name));
        browser.driver.findElement(row).findElement(By.cssSelector("button.open-scan")).click();
        browser.wait.until(textToBePresentInElementLocated(By.id("results-summary"), "Results 1 to 3 of 3"));

        assertEquals(IMG, title("http://img.test/").getText());
        assertEquals(BOLD, title("http://bold.test/").getText());
        assertEquals("", title("http://untitled.test/").getText());
        assertEquals(0, browser.driver.findElements(By.cssSelector("#results td.title *")).size(),
                "the titles are text, not elements");
        assertEquals("undefined", browser.script("return typeof window.pwned;"), "nothing in a title ran");
        browser.assertNoAxeViolation("the scans page with titles made of markup");
    }

    private static WebElement title(String target) {
        return browser.driver.findElement(By.cssSelector("#results tr[data-target=\"" + target + "\"] td.title"));
    }

    /** A 200 whose body was read, with this title (null: none). */
    private static ProbeResult page(String target, String title) {
        return new ProbeResult(target, target, true, 200, "HTTP/1.1", List.of(), List.of(), null, "127.0.0.1", List.of(),
                null, null, new BodyFacts(100, 100, false, null, "ab".repeat(32), "-1", title, 2, 1, null, null), null);
    }
}
