package io.headprobe.blackbox;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged app (jar or native): the Host override in the fetcher, and RE2 matching a module's regexp. */
@QuarkusIntegrationTest
class BlackboxHostHeaderIT extends BlackboxHostHeaderTest {
}
