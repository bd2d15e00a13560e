package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The bean reads headprobe.blackbox.config-file at start-up. */
@QuarkusTest
@TestProfile(BlackboxModulesBeanTest.WithBlackboxFile.class)
class BlackboxModulesBeanTest {

    public static class WithBlackboxFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.blackbox.config-file", "src/test/resources/blackbox/blackbox.yml");
        }
    }

    @Inject
    BlackboxModules modules;

    @Test
    void theFilesHttpModulesAreLoadedInItsOrder() {
        assertEquals(List.of("http_2xx", "http_header_match", "http_strict"),
                modules.all().stream().map(Module::name).toList());
        assertEquals(Duration.ofSeconds(90), modules.module("http_strict").orElseThrow().timeout());
        assertEquals("ip4", modules.module("http_header_match").orElseThrow().preferredIpProtocol());
        assertTrue(modules.module("tls_connect").isEmpty(), "a tcp module is no http module");
        assertTrue(modules.tcp("tls_connect").orElseThrow().tls());
        assertTrue(modules.refusal("icmp_example").orElseThrow().startsWith("prober icmp: "));
        assertTrue(modules.module("nope").isEmpty());
    }
}
