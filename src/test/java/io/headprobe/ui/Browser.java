package io.headprobe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Chromium driven through chromedriver, for the tests of the web pages: started once per
 * test class, with a listener for Content-Security-Policy violations and axe-core at hand.
 */
final class Browser {

    /** Debian's chromium and chromium-driver packages; -Dheadprobe.ui.chromium / .chromedriver point elsewhere. */
    static final Path CHROMIUM = Path.of(System.getProperty("headprobe.ui.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("headprobe.ui.chromedriver", "/usr/bin/chromedriver"));

    /** The axe-core tags checked: WCAG 2.0 and 2.1, levels A and AA. */
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Axe AXE = Axe.load();

    /**
     * Runs in every document before the page's own scripts, so that a violation of the
     * Content-Security-Policy (an inline style attribute in the markup, say) is caught too.
     */
    static final String CSP_LISTENER = "window.cspViolations = [];"
            + " document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push("
            + " `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}: ${e.sample}`));";

    final ChromeDriver driver;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Chromium saving downloads to the given folder; null where Chromium or chromedriver is missing (see {@link #require}). */
    static Browser start(Path downloads) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return null;
        }
        System.setProperty("se.avoid-stats", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("headprobe-ui-profile"));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
        return new Browser(driver);
    }

    /** Skips the test, with the reason, when there is no browser; in CI (CI=true) fails it instead. */
    static void require(Browser browser) {
        String missing = "it needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
        // In CI a skip would pass the build with the page untested: .ci/run installs the browser, so
        // a missing one there is a broken set-up to fix, not a machine without a browser.
        if (browser == null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true and the UI test cannot run: " + missing
                    + "; .ci/run should have installed them");
        }
        Assumptions.assumeTrue(browser != null, "UI test skipped: " + missing);
    }

    /** The page must work under the service's Content-Security-Policy (script-src 'self', style-src 'self', ...). */
    void assertNoCspViolation(String when) {
        List<String> violations = script("return window.cspViolations || [];");
        assertEquals(List.of(), violations, "CSP violations in " + when);
    }

    /** Runs axe-core in the page and fails with a list of the WCAG A/AA violations it reports. */
    void assertNoAxeViolation(String when) {
        if (!"object".equals(script("return typeof window.axe;"))) {
            script(AXE.source);
        }
        String json = (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })"
                        + ".then((r) => done(JSON.stringify(r.violations)), (e) => done(JSON.stringify({ error: String(e) })));",
                WCAG_TAGS);
        JsonNode violations;
        try {
            violations = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("axe answered " + json, e);
        }
        assertTrue(violations.isArray(), "axe failed: " + json);
        StringBuilder report = new StringBuilder();
        for (JsonNode violation : violations) {
            report.append("\n").append(violation.get("id").asText()).append(" (").append(violation.get("impact").asText())
                    .append("): ").append(violation.get("help").asText()).append(", ").append(violation.get("helpUrl").asText());
            for (JsonNode node : violation.get("nodes")) {
                report.append("\n  ").append(node.get("target")).append(": ")
                        .append(node.get("failureSummary").asText().replace("\n", "\n    "));
            }
        }
        if (!violations.isEmpty()) {
            System.out.println("axe-core, " + when + ":" + report);
        }
        assertEquals(0, violations.size(), "axe-core " + AXE.version + " WCAG violations, " + when + ":" + report);
    }

    @SuppressWarnings("unchecked")
    <T> T script(String script, Object... arguments) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves the whole page (not only the viewport) as target/NAME. */
    void screenshot(String name) throws IOException {
        Dimension size = driver.manage().window().getSize();
        // The window is taller than its viewport by the browser's own chrome: grow it by what is hidden.
        long hidden = script("return document.documentElement.scrollHeight - window.innerHeight;");
        driver.manage().window().setSize(new Dimension(size.getWidth(), size.getHeight() + (int) Math.max(0, hidden)));
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(size);
        assertTrue(Files.size(shot) > 0);
    }

    void quit() {
        driver.quit();
    }

    /** axe-core's script, from the class path (com.deque.html.axe-core:selenium, a test dependency). */
    record Axe(String source, String version) {
        static Axe load() {
            try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
                }
                String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher version = Pattern.compile("axe v(\\S+)").matcher(source);
                return new Axe(source, version.find() ? version.group(1) : "?");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
