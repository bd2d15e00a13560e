package io.headprobe.wget;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** /wget as it runs in production: on without being switched on, and loopback is off limits. */
@QuarkusTest
@TestProfile(WgetGuardTest.ProdWithoutLoopback.class)
class WgetGuardTest {

    /**
     * The prod profile, so that no %test setting (such as the test allow list) applies, and
     * headprobe.wget.enabled is left alone. The allow list names a documentation block, so loopback
     * is blocked; names still come from the test hosts file and never reach a real DNS server.
     */
    public static class ProdWithoutLoopback implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "headprobe.guard.allow", "192.0.2.0/24",
                    "headprobe.dns.hosts-file", "src/test/resources/hosts",
                    "headprobe.dns.server", "127.0.0.1:9");
        }
    }

    @Test
    void isOnByDefaultAndRefusesBlockedTargetsWithoutConnecting() {
        try (RawServer server = RawServer.start(RawServer.answering(WgetResourceTest.NO_CONTENT))) {
            String named = "http://allowed.test:" + server.port() + "/";
            String bare = "allowed.test:" + server.port();
            String literal = server.url("/");
            String v6 = "http://[::1]:" + server.port() + "/";

            String body = given().queryParam("target", named, bare, literal, v6).when().get("/wget")
                    .then().statusCode(200)
                    .extract().asString();

            assertEquals(List.of(
                    named + " error > allowed.test resolves to 127.0.0.1, which is not a public address",
                    bare + " error > allowed.test resolves to 127.0.0.1, which is not a public address",
                    literal + " error > 127.0.0.1 is not a public address",
                    v6 + " error > 0:0:0:0:0:0:0:1 is not a public address"), Arrays.asList(body.split("\n")));
            assertEquals(0, server.connections(), "a blocked address was connected to");
        }
    }
}
