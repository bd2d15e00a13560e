package io.headprobe.body;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The body's facts on the jar, the native binary (jsoup, the brotli decoder, Guava in the image) and the images. */
@QuarkusIntegrationTest
class BodyProbeIT extends BodyProbeTest {
}
