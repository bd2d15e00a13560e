package io.headprobe.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes one {@link TestCa} for a test class and gives its root to the application as
 * headprobe.probe.trust-store-file, so that leaves the test issues from it verify.
 */
public class TestCaResource implements QuarkusTestResourceLifecycleManager {

    /** The CA the application trusts while the test runs (the test issues its leaves from it). */
    public static volatile TestCa ca;

    @Override
    public Map<String, String> start() {
        ca = TestCa.create();
        return Map.of("headprobe.probe.trust-store-file", ca.rootPemFile().toString());
    }

    @Override
    public void stop() {
        // Its files are removed when the JVM exits.
    }
}
