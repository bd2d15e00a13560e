package io.headprobe.blackbox;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged app (jar or native): the CONNECT tunnel, absolute-form requests and no_proxy on the fetcher. */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile with the test's blackbox.yml and proxies on loopback")
class BlackboxProxyIT extends BlackboxProxyTest {
}
