package io.headprobe.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOf;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOf;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TestCaResource;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Given the page at /ui in headless Chromium, when targets on loopback are probed from it, then
 * the table fills in as each one finishes. Skipped where /usr/bin/chromium or chromedriver is missing,
 * except in CI (CI=true), where that fails.
 */
@QuarkusTest
@TestProfile(UiTest.KeyAndPatience.class)
class UiTest extends BrowserTest {

    static final String KEY = "ui-test-key-6d1f";

    /**
     * The page as a keyed deployment sees it; and targets may take 30 s, so that a slow target
     * never times out before the test has looked at the page, however loaded the machine is.
     * The app trusts a CA the test makes, so https targets on loopback verify.
     */
    public static class KeyAndPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.auth.api-keys", KEY, "headprobe.probe.timeout", "30S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestCaResource.class));
        }
    }

    static final String HEAD = "HTTP/1.1 200 OK\r\nX-First: 1\r\nset-cookie: a=1\r\nContent-Length: 0\r\n"
            + "Set-Cookie: b=2\r\nx-LAST: z\r\n\r\n";

    static ChromeDriver driver;
    static WebDriverWait wait;
    static Path downloads;
    static RawServer ok;

    @TestHTTPResource("/ui/")
    URL page;

    @BeforeAll
    static void startBrowser() throws IOException {
        downloads = Files.createTempDirectory("headprobe-ui-downloads");
        browser = Browser.start(downloads);
        if (browser == null) {
            return; // each test is skipped, with the reason, by needBrowser()
        }
        driver = browser.driver;
        wait = browser.wait;
        ok = RawServer.start(RawServer.answering(HEAD));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (ok != null) {
            ok.close();
        }
    }

    @Test
    void servesAnAccessiblePageAtUi() {
        given().redirects().follow(false).when().get("/ui")
                .then().statusCode(301).header("Location", endsWith("ui/"));
        for (String path : List.of("/ui", "/ui/")) {
            given().when().get(path)
                    .then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .body(containsString("<title>HeadProbe</title>"));
        }
        given().when().get("/ui/app.js").then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/ui/app.css").then().statusCode(200).contentType(startsWith("text/css"));

        driver.get(page.toString().replaceFirst("/ui/$", "/ui"));
        wait.until(attributeToBe(summary(), "data-state", "idle"));
        assertTrue(driver.getCurrentUrl().endsWith("/ui/"), driver.getCurrentUrl());
        assertEquals("600", this.<String> script("return getComputedStyle(document.getElementById('summary')).fontWeight;"),
                "app.css is applied");
        List<String> unlabelled = script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => !c.id || !document.querySelector(`label[for=\"${c.id}\"]`)).map(c => c.outerHTML);");
        assertEquals(List.of(), unlabelled, "every control has a <label for>");
        assertEquals(9, driver.findElements(By.cssSelector("#results thead th[scope=col]")).size());
        assertFalse(driver.findElement(By.cssSelector("#results caption")).getText().isBlank());
        assertEquals("polite", driver.findElement(By.id("summary")).getAttribute("aria-live"));
        assertEquals("alert", driver.findElement(By.id("problem")).getAttribute("role"));
    }

    @Test
    void fillsInEachRowAsItsTargetFinishes() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer slow = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            release.await(20, TimeUnit.SECONDS);
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            String slowUrl = slow.url("/slow");
            String fastUrl = ok.url("/fast");
            open();
            run(List.of(slowUrl, fastUrl));

            wait.until(attributeToBe(row(fastUrl), "data-state", "done"));
            assertEquals("200", status(fastUrl).getText());
            assertTrue(status(fastUrl).getAttribute("class").contains("s2xx"));
            assertEquals("pending", row(slowUrl).getAttribute("data-state"));
            assertEquals("pending", status(slowUrl).getText());
            assertEquals("running", summary().getAttribute("data-state"));
            assertTrue(summary().getText().startsWith("Running: 1/2 done"), summary().getText());

            release.countDown();
            wait.until(attributeToBe(row(slowUrl), "data-state", "done"));
            assertEquals("204", status(slowUrl).getText());
            wait.until(attributeToBe(summary(), "data-state", "finished"));
            assertTrue(summary().getText().startsWith("Finished: 2/2 done, 2 ok, 0 failed"), summary().getText());
        } finally {
            release.countDown();
        }
    }

    @Test
    void expandsARowToItsHeadersInWireOrderAndItsAudit() throws IOException {
        String url = ok.url("/headers");
        open();
        driver.findElement(By.id("audit")).click();
        run(List.of(url));
        wait.until(attributeToBe(summary(), "data-state", "finished"));
        assertEquals("F", row(url).findElement(By.cssSelector(".grade")).getText());

        WebElement toggle = row(url).findElement(By.cssSelector("button.toggle"));
        WebElement detail = driver.findElement(By.id(toggle.getAttribute("aria-controls")));
        assertEquals("false", toggle.getAttribute("aria-expanded"));
        assertFalse(detail.isDisplayed());

        toggle.click();
        wait.until(visibilityOf(detail));
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        assertEquals(List.of("X-First: 1", "set-cookie: a=1", "Content-Length: 0", "Set-Cookie: b=2", "x-LAST: z"),
                texts(detail.findElements(By.cssSelector("ol.headers li"))));
        WebElement hsts = detail.findElement(By.cssSelector(".findings tr[data-test=hsts]"));
        assertEquals("hsts", hsts.findElement(By.cssSelector("th .test")).getText());
        assertEquals(List.of("fail", "-20"), texts(hsts.findElements(By.cssSelector("td"))).subList(0, 2));

        // Each finding shows Observatory's result identifier when it has one (the JSON's "result").
        JsonNode findings = downloaded().get(0).get("audit").get("findings");
        List<WebElement> rows = detail.findElements(By.cssSelector(".findings tbody tr"));
        assertEquals(findings.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode finding = findings.get(i);
            List<WebElement> id = rows.get(i).findElements(By.cssSelector("th .result-id"));
            assertEquals(finding.get("test").asText(), rows.get(i).findElement(By.cssSelector("th .test")).getText());
            if (finding.get("result").isNull()) {
                assertEquals(0, id.size(), finding.toString());
            } else {
                assertEquals(1, id.size(), finding.toString());
                assertEquals(finding.get("result").asText(), id.get(0).getText());
            }
        }

        toggle.sendKeys(Keys.ENTER);
        wait.until(invisibilityOf(detail));
        assertEquals("false", toggle.getAttribute("aria-expanded"));
        toggle.sendKeys(Keys.SPACE);
        wait.until(visibilityOf(detail));
        assertEquals("true", toggle.getAttribute("aria-expanded"));
    }

    /**
     * The TLS column sums up each https target (version, ALPN, days left, verdict) and its expanded
     * row shows the chain, the phases and the addresses; an expired certificate fails the target
     * (TLS_FAILURE) unless Verify TLS is unchecked, and shows why either way.
     */
    @Test
    void showsTlsInTheColumnAndTheChainInTheExpandedRow() throws IOException {
        TestCa.Leaf leaf = ca().leaf("127.0.0.1");
        TestCa.Leaf expiredLeaf = ca().expiredLeaf("127.0.0.1");
        try (TlsServer secure = TlsServer.start(leaf);
                TlsServer expired = TlsServer.start(expiredLeaf);
                RawServer moved = RawServer.start(RawServer.answering(
                        "HTTP/1.1 302 Found\r\nLocation: " + secure.url("/moved") + "\r\nContent-Length: 0\r\n\r\n"))) {
            String https = secure.url("/");
            String bad = expired.url("/");
            String redirected = moved.url("/to-https");
            open();
            assertTrue(driver.findElement(By.id("tls-verify")).isSelected(), "Verify TLS is on by default");
            run(List.of(https, bad, redirected, ok.url("/plain")));
            wait.until(attributeToBe(summary(), "data-state", "finished"));

            // The leaf has 89 whole days left (TestCa makes it so), and the chain's other certificates last longer.
            assertEquals(List.of("TLS 1.3, h2", "89 days left", "verified"), tlsFacts(https));
            assertEquals("TLS_FAILURE", status(bad).findElement(By.cssSelector(".code")).getText());
            List<String> failed = tlsFacts(bad);
            assertTrue(failed.get(0).startsWith("TLS 1.3"), failed.toString());
            assertEquals(List.of("expired", "not verified: EXPIRED"), failed.subList(1, 3));
            assertEquals(List.of("TLS 1.3, h2", "89 days left", "verified"), tlsFacts(redirected), "the last hop's TLS");
            // A dash on screen; "no TLS" for screen readers (Selenium counts the 1 px clipped box as shown).
            assertEquals(List.of("—", "no TLS"), tlsFacts(ok.url("/plain")));

            WebElement detail = expand(https);
            List<WebElement> chain = detail.findElements(By.cssSelector("ol.chain > li"));
            assertEquals(2, chain.size(), "leaf and intermediate");
            Map<String, String> first = fields(chain.get(0));
            assertEquals(List.of("Subject", "Issuer", "SANs", "Valid", "Key", "Signature", "Serial", "SHA-256"),
                    List.copyOf(first.keySet()));
            assertEquals(leaf.certificate().getSubjectX500Principal().getName(), first.get("Subject"));
            assertEquals(ca().intermediate().getSubjectX500Principal().getName(), first.get("Issuer"));
            assertEquals("127.0.0.1", first.get("SANs"));
            assertTrue(first.get("Valid").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC to \\d{4}-.* UTC"), first.get("Valid"));
            assertEquals("RSA 2048", first.get("Key"));
            assertEquals("SHA256withECDSA", first.get("Signature"));
            assertEquals(leaf.certificate().getSerialNumber().toString(16), first.get("Serial"));
            assertTrue(first.get("SHA-256").matches("[0-9a-f]{64}"), first.get("SHA-256"));
            assertEquals("EC P-256", fields(chain.get(1)).get("Key"));
            assertEquals(0, detail.findElements(By.cssSelector(".verify-message")).size());
            assertEquals("—", detail.findElement(By.cssSelector(".timings dd[data-phase=dnsMs]")).getText(),
                    "an address literal is not looked up");
            for (String phase : List.of("connectMs", "tlsMs", "headersMs", "totalMs")) {
                String ms = detail.findElement(By.cssSelector(".timings dd[data-phase=" + phase + "]")).getText();
                assertTrue(ms.matches("\\d+\\.\\d"), phase + " " + ms);
            }
            assertEquals(List.of("127.0.0.1 (answered)"), texts(detail.findElements(By.cssSelector("ul.addresses li"))));

            WebElement failedDetail = expand(bad);
            assertTrue(failedDetail.findElement(By.cssSelector(".verify-message")).getText().startsWith("EXPIRED: "),
                    failedDetail.findElement(By.cssSelector(".verify-message")).getText());
            assertEquals(expiredLeaf.certificate().getSubjectX500Principal().getName(),
                    fields(failedDetail.findElement(By.cssSelector("ol.chain > li"))).get("Subject"));

            // The hop that redirected was plain http; the hop list says where it answered from and how long each phase took.
            String hop = expand(redirected).findElement(By.cssSelector("ol.redirects .hop-meta")).getText();
            assertTrue(hop.matches("from 127\\.0\\.0\\.1; connect [0-9.]+, headers [0-9.]+ ms; no TLS"), hop);

            // Unchecked, the expired certificate is reported but no longer stops the fetch.
            open();
            driver.findElement(By.id("tls-verify")).click();
            run(List.of(bad));
            wait.until(attributeToBe(summary(), "data-state", "finished"));
            assertEquals("200", status(bad).getText());
            failed = tlsFacts(bad);
            assertEquals(List.of("TLS 1.3, h2", "expired", "not verified: EXPIRED"), failed);
            assertFalse(downloaded().get(0).get("tls").get("verified").asBoolean());
        }
    }

    /**
     * With "Scan TLS" ticked, the row's TLS cell shows the scan's grade and each cap that applied
     * under the handshake's facts, and the expanded row what the scan found: the protocols and each
     * protocol's suites.
     */
    @Test
    void showsTheTlsGradeWithItsCapsInTheRowAndTheScanInTheExpandedRow() {
        try (OpenSslServer server = OpenSslServer.start(ca().leaf("localhost"), OpenSslServer.Config.TLS12_ECDHE)) {
            String target = "https://localhost:" + server.port() + "/";
            open();
            driver.findElement(By.id("tls-scan")).click();
            // s_server -www answers GET only: reading the body makes the probe a GET.
            driver.findElement(By.id("body")).click();
            run(List.of(target));
            wait.until(attributeToBe(summary(), "data-state", "finished"));

            WebElement grade = cell(target, 5).findElement(By.cssSelector(".tls-grade"));
            assertEquals("A-", grade.findElement(By.cssSelector(".grade")).getText());
            assertEquals(List.of("TLS 1.3 not accepted: capped at A-"), texts(grade.findElements(By.cssSelector(".caps li"))));

            WebElement detail = expand(target);
            assertTrue(detail.getText().contains("TLS scan: grade A-"), detail.getText());
            List<String> names = texts(detail.findElements(By.cssSelector(".tls-scan dt")));
            List<String> values = texts(detail.findElements(By.cssSelector(".tls-scan dd")));
            assertEquals("TLS 1.2", values.get(names.indexOf("Protocols")));
            assertEquals("none", values.get(names.indexOf("Weak suite classes")));
            assertEquals(3, detail.findElements(By.cssSelector("ul.suites[data-protocol='TLSv1.2'] li")).size());
        }
    }

    /**
     * A page whose title is markup (an {@code <img onerror>}, a {@code <b>}) shows it as text, in
     * the Title column and in the expanded row's body facts, and nothing in it runs. Reading bodies
     * sends GET whatever the method box said. Needs the fetcher's body read: until the result has
     * body facts, the test is skipped, saying so.
     */
    @Test
    void showsAPageTitleMadeOfMarkupAsText() throws IOException {
        String page = "<!doctype html><html><head><title>&lt;b&gt;bold&lt;/b&gt; <img src=x onerror=\"window.pwned=1\"></title>"
                + "</head><body><p>hi</p></body></html>";
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        List<String> methods = new ArrayList<>();
        try (RawServer html = RawServer.start(socket -> {
            String head = RawServer.head(socket.getInputStream());
            synchronized (methods) {
                methods.add(head.substring(0, head.indexOf(' ')));
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        })) {
            String url = html.url("/page");
            open();
            driver.findElement(By.id("body")).click();
            assertEquals("GET", driver.findElement(By.id("method")).getAttribute("value"));
            assertFalse(driver.findElement(By.id("method")).isEnabled(), "a body is read with GET only");
            run(List.of(url));
            wait.until(attributeToBe(summary(), "data-state", "finished"));
            synchronized (methods) {
                assertEquals(List.of("GET"), methods);
            }
            JsonNode body = downloaded().get(0).get("body");
            Assumptions.assumeTrue(body != null && !body.isNull(),
                    "the result has no body facts yet: this test needs the fetcher's body read (issue 22, item 1)");

            String title = "<b>bold</b> <img src=x onerror=\"window.pwned=1\">";
            assertEquals(title, body.get("title").asText(), "the title as a browser shows it");
            WebElement cell = cell(url, 3);
            assertEquals(title, cell.getText());
            assertEquals(0, cell.findElements(By.cssSelector("*")).size(), "the title is text, not elements");
            WebElement detail = expand(url);
            Map<String, String> facts = fields(detail.findElement(By.cssSelector("dl.body-facts")));
            assertEquals(title, facts.get("Title"));
            assertEquals(body.get("sha256").asText(), facts.get("SHA-256"));
            assertEquals(body.get("mmh3").asText(), facts.get("MurmurHash3"));
            assertEquals(0, detail.findElements(By.cssSelector("dl.body-facts img, dl.body-facts b")).size());
            assertEquals("undefined", script("return typeof window.pwned;"), "no handler from the page ran");
        }
    }

    @Test
    void stopAbortsTheStream() throws IOException {
        try (ServerSocket never = Loopback.silent()) {
            String neverUrl = Loopback.url(never, "/never");
            String fastUrl = ok.url("/before-stop");
            open();
            run(List.of(neverUrl, fastUrl));
            wait.until(attributeToBe(row(fastUrl), "data-state", "done"));
            assertEquals("running", summary().getAttribute("data-state"));
            WebElement stop = driver.findElement(By.id("stop"));
            assertTrue(stop.isEnabled());
            assertEquals(stop, driver.switchTo().activeElement(), "Run, disabled, hands focus to Stop");

            stop.click();
            wait.until(attributeToBe(summary(), "data-state", "stopped"));
            assertTrue(summary().getText().startsWith("Stopped: 1/2 done, 1 ok, 0 failed"), summary().getText());
            assertEquals("stopped", row(neverUrl).getAttribute("data-state"));
            assertEquals("stopped", status(neverUrl).getText());
            assertEquals("done", row(fastUrl).getAttribute("data-state"));
            assertTrue(driver.findElement(By.id("run")).isEnabled());
            assertFalse(stop.isEnabled());
            assertEquals(driver.findElement(By.id("run")), driver.switchTo().activeElement(),
                    "Stop, disabled, hands focus back to Run");
        }
    }

    @Test
    void downloadsTheResultsShownAsJson() throws IOException {
        String fastUrl = ok.url("/download");
        String refusedUrl = "http://127.0.0.1:" + Loopback.refusingPort() + "/refused";
        open();
        run(List.of(fastUrl, refusedUrl));
        wait.until(attributeToBe(summary(), "data-state", "finished"));
        assertEquals("CONNECT_FAILED", status(refusedUrl).findElement(By.cssSelector(".code")).getText());

        JsonNode results = downloaded();
        assertEquals(2, results.size());
        List<String> targets = new ArrayList<>();
        for (JsonNode result : results) {
            String target = result.get("target").asText();
            targets.add(target);
            if (result.get("error").isNull()) {
                assertEquals(status(target).getText(), result.get("status").asText());
            } else {
                assertEquals(status(target).findElement(By.cssSelector(".code")).getText(), result.get("error").get("code").asText());
            }
        }
        assertEquals(List.of(fastUrl, refusedUrl), targets, "the rows in table order");
        assertEquals("x-LAST", results.get(0).get("headers").get(4).get("name").asText());
    }

    @Test
    void showsTheErrorCodeOfABlockedTarget() {
        try (RawServer blocked = RawServer.on("127.0.0.2", RawServer.answering(HEAD))) {
            List<String> targets = List.of("http://blocked.test:" + blocked.port() + "/", blocked.url("/"));
            open();
            run(targets);
            wait.until(attributeToBe(summary(), "data-state", "finished"));
            for (String target : targets) {
                WebElement cell = status(target);
                assertTrue(cell.getAttribute("class").contains("error"), cell.getAttribute("class"));
                assertEquals("BLOCKED_ADDRESS", cell.findElement(By.cssSelector(".code")).getText());
                assertFalse(cell.findElement(By.cssSelector(".message")).getText().isBlank());
            }
            assertTrue(summary().getText().startsWith("Finished: 2/2 done, 0 ok, 2 failed"), summary().getText());
            assertEquals(0, blocked.connections(), "the blocked listener was connected to");
        }
    }

    @Test
    void showsTheProblemWhenTheServerRefusesTheRequest() {
        open();
        driver.findElement(By.id("timeout")).sendKeys("99999");
        run(List.of(ok.url("/")));
        wait.until(attributeToBe(summary(), "data-state", "failed"));
        assertEquals("Bad Request: 'timeoutMs' must be from 1 to 30000, got 99999",
                driver.findElement(By.id("problem")).getText());
        assertEquals(0, driver.findElements(By.cssSelector("#results tbody tr")).size());
        assertTrue(driver.findElement(By.id("run")).isEnabled());
    }

    @Test
    void sendsTheApiKeyAndSaysWhenItIsMissing() {
        open();
        driver.findElement(By.id("api-key")).clear();
        run(List.of(ok.url("/")));
        wait.until(attributeToBe(summary(), "data-state", "failed"));
        assertTrue(driver.findElement(By.id("problem")).getText().startsWith("Unauthorized: this route needs an API key"),
                driver.findElement(By.id("problem")).getText());

        driver.findElement(By.id("api-key")).sendKeys(KEY);
        driver.findElement(By.id("run")).click();
        wait.until(attributeToBe(summary(), "data-state", "finished"));
        assertEquals("200", status(ok.url("/")).getText());
    }

    @Test
    void fitsA375PixelWideScreen() throws IOException {
        try (TlsServer secure = TlsServer.start(ca().leaf("127.0.0.1"))) {
            driver.manage().window().setSize(new Dimension(375, 800));
            open();
            Assumptions.assumeTrue(this.<Long> script("return window.innerWidth;") <= 400,
                    "the browser would not make its window 375 px wide");
            driver.findElement(By.id("audit")).click();
            // https, so that the certificate chain (long names, serials, hashes) must fit too.
            String url = secure.url("/a/rather/long/path/that/needs/room/to/show/" + "x".repeat(40));
            run(List.of(url));
            wait.until(attributeToBe(summary(), "data-state", "finished"));
            WebElement toggle = row(url).findElement(By.cssSelector("button.toggle"));
            toggle.click();
            WebElement detail = driver.findElement(By.id(toggle.getAttribute("aria-controls")));
            wait.until(visibilityOf(detail));

            long pageOverflow = script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0, pageOverflow, "the page itself does not scroll sideways");
            assertTrue(driver.findElement(By.id("run")).isDisplayed());
            assertTrue(this.<Boolean> script("const r = document.getElementById('stop').getBoundingClientRect();"
                    + " return r.right <= window.innerWidth;"), "the buttons fit the screen");
            // The table may scroll sideways in its wrapper, but the expanded row's details stay in its visible part.
            List<String> offScreen = script("const wrap = document.querySelector('.table-wrap');"
                    + " const visible = wrap.getBoundingClientRect().left + wrap.clientLeft + wrap.clientWidth;"
                    + " return [...document.querySelectorAll('.detail-body h2, .detail-body h3, .detail-body ol.headers,"
                    + " .detail-body .findings, .detail-body .tls-summary, .detail-body .cert dd, .detail-body .timings,"
                    + " .detail-body .addresses')].filter(e => e.getBoundingClientRect().right > visible)"
                    + ".map(e => `${e.tagName}.${e.className} ends at ${e.getBoundingClientRect().right}, after ${visible}`);");
            assertEquals(List.of(), offScreen, "parts of the details hidden to the right");
            screenshot("ui-screenshot-375.png");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /**
     * axe-core finds no WCAG 2.0/2.1 A or AA violation on the page, 1280 and 375 px wide, before a
     * run and after one with the audit on and every kind of row expanded (with a TLS chain or without).
     */
    @Test
    void axeFindsNoWcagViolationAtEitherWidth() {
        String refused = "http://127.0.0.1:" + Loopback.refusingPort() + "/refused";
        try (TlsServer secure = TlsServer.start(ca().leaf("127.0.0.1"));
                TlsServer expired = TlsServer.start(ca().expiredLeaf("127.0.0.1"))) {
            List<String> targets = List.of(ok.url("/axe"), refused, secure.url("/axe"), expired.url("/axe"));
            for (int width : List.of(1280, 375)) {
                driver.manage().window().setSize(new Dimension(width, 900));
                open();
                browser.assertNoAxeViolation(width + " px, before a run");
                driver.findElement(By.id("audit")).click();
                run(targets);
                wait.until(attributeToBe(summary(), "data-state", "finished"));
                for (String target : targets) {
                    row(target).findElement(By.cssSelector("button.toggle")).click();
                }
                browser.assertNoAxeViolation(width + " px, after a run with http, refused, https and failed-TLS rows expanded");
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** WCAG 1.4.11: the focus ring has 3:1 contrast against each background a focusable element is on. */
    @Test
    void theFocusRingStandsOutFromEveryBackground() {
        open();
        WebElement run = driver.findElement(By.id("run"));
        // Tab from the field before it: :focus-visible applies as it does for keyboard users.
        driver.findElement(By.id("api-key")).sendKeys(Keys.TAB);
        assertEquals(run, driver.switchTo().activeElement());
        String ring = script("return getComputedStyle(document.activeElement).outlineColor;");
        for (String background : List.of("rgb(255, 255, 255)", "rgb(250, 250, 250)", "rgb(243, 243, 243)")) {
            double contrast = contrast(ring, background);
            assertTrue(contrast >= 3, "focus ring " + ring + " on " + background + ": " + contrast + ":1");
        }
    }

    /** Every kind of row at once; the screenshot of this table is docs/ui.png. */
    @Test
    void showsEachKindOfResultAndSavesAScreenshot() throws IOException {
        try (RawServer notFound = RawServer.start(RawServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
                RawServer failing = RawServer.start(RawServer.answering(
                        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n"));
                RawServer moved = RawServer.start(RawServer.answering(
                        "HTTP/1.1 301 Moved Permanently\r\nLocation: " + ok.url("/home") + "\r\nContent-Length: 0\r\n\r\n"));
                TlsServer secure = TlsServer.start(ca().leaf("127.0.0.1"));
                TlsServer expired = TlsServer.start(ca().expiredLeaf("127.0.0.1"))) {
            String redirected = moved.url("/old");
            String https = secure.url("/");
            List<String> targets = List.of(https, ok.url("/"), redirected, notFound.url("/missing"), failing.url("/busy"),
                    expired.url("/"), "http://blocked.test:" + ok.port() + "/", "http://127.0.0.1:" + Loopback.refusingPort() + "/");
            open();
            driver.findElement(By.id("audit")).click();
            run(targets);
            wait.until(attributeToBe(summary(), "data-state", "finished"));

            assertEquals(List.of("status s2xx", "status s2xx", "status s2xx", "status s4xx", "status s5xx", "status error",
                    "status error", "status error"),
                    targets.stream().map(t -> status(t).getAttribute("class")).toList());
            assertEquals("1", cell(redirected, 8).getText(), "redirect count");
            assertEquals(ok.url("/home"), cell(redirected, 7).getText(), "final URL");
            assertEquals("HTTP/1.1", cell(failing.url("/busy"), 4).getText());
            assertEquals("HTTP/2", cell(https, 4).getText());
            assertEquals(List.of("—", "no TLS"), tlsFacts(ok.url("/")), "no TLS on http");
            assertEquals(List.of("TLS 1.3, h2", "89 days left", "verified"), tlsFacts(https));
            assertFalse(cell(ok.url("/"), 9).getText().isBlank(), "grade badge");
            assertTrue(summary().getText().startsWith("Finished: 8/8 done, 5 ok, 3 failed"), summary().getText());

            row(https).findElement(By.cssSelector("button.toggle")).click();
            long tableOverflow = script("const wrap = document.querySelector('.table-wrap'); return wrap.scrollWidth - wrap.clientWidth;");
            assertEquals(0, tableOverflow, "at 1280 px the table fits without scrolling sideways");
            screenshot("ui-screenshot.png");
        }
    }

    /** Saves the whole page (the window grown to its height) as target/NAME, then restores the width. */
    private static void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    /** The WCAG contrast ratio of two colours given as CSS rgb()/rgba() strings. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9.,]", "").split(",");
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Double.parseDouble(parts[i]) / 255;
            linear[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }

    /** Clicks Download JSON and reads the file the browser saved. */
    private static JsonNode downloaded() throws IOException {
        Path file = downloads.resolve("headprobe-results.json");
        Files.deleteIfExists(file);
        driver.findElement(By.id("download")).click();
        // Chromium writes to a .crdownload file and renames it when complete.
        wait.until(d -> Files.exists(file));
        return new ObjectMapper().readTree(file.toFile());
    }

    static TestCa ca() {
        return TestCaResource.ca;
    }

    /** Expands a target's row and returns its (visible) details. */
    private static WebElement expand(String target) {
        WebElement toggle = row(target).findElement(By.cssSelector("button.toggle"));
        toggle.click();
        WebElement detail = driver.findElement(By.id(toggle.getAttribute("aria-controls")));
        wait.until(visibilityOf(detail));
        return detail;
    }

    /** A certificate's fields, name to value, in the order shown. */
    private static Map<String, String> fields(WebElement certificate) {
        List<String> names = texts(certificate.findElements(By.cssSelector("dt")));
        List<String> values = texts(certificate.findElements(By.cssSelector("dd")));
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), values.get(i));
        }
        return fields;
    }

    private void open() {
        driver.get(page.toString());
        wait.until(attributeToBe(summary(), "data-state", "idle"));
        driver.findElement(By.id("api-key")).sendKeys(KEY);
    }

    private static void run(List<String> targets) {
        driver.findElement(By.id("targets")).sendKeys(String.join("\n", targets));
        driver.findElement(By.id("run")).click();
    }

    private static WebElement summary() {
        return driver.findElement(By.id("summary"));
    }

    private static WebElement row(String target) {
        return driver.findElement(By.cssSelector("#results tbody tr[data-target=\"" + target + "\"]"));
    }

    private static WebElement status(String target) {
        return row(target).findElement(By.cssSelector("td.status"));
    }

    /** The n-th cell of a target's row, counting its header cell as 1. */
    private static WebElement cell(String target, int n) {
        return row(target).findElement(By.cssSelector(":scope > :nth-child(" + n + ")"));
    }

    /**
     * The facts in a target's TLS cell, one a line on the page (a fact that wraps is joined again):
     * e.g. "TLS 1.3, h2", "89 days left", "verified".
     */
    private static List<String> tlsFacts(String target) {
        return texts(cell(target, 5).findElements(By.cssSelector(":scope > span"))).stream()
                .map(text -> text.replaceAll("\\s+", " ")).toList();
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T script(String script) {
        return (T) ((JavascriptExecutor) driver).executeScript(script);
    }
}
