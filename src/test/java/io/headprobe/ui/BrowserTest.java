package io.headprobe.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A test of a web page in {@link Browser}: a subclass starts it in its @BeforeAll (into
 * {@code browser}) and quits it in its @AfterAll; each test is skipped without one (failed in CI),
 * and fails on any Content-Security-Policy violation the page caused.
 */
abstract class BrowserTest {

    static Browser browser;

    @BeforeEach
    void needBrowser() {
        Browser.require(browser);
    }

    @AfterEach
    void violatedNoContentSecurityPolicy(TestInfo test) {
        if (browser != null) {
            browser.assertNoCspViolation(test.getDisplayName());
        }
    }
}
