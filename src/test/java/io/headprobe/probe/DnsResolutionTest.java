package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.testing.DnsServerResource;
import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Names resolved by a real DNS server on 127.0.0.1 ({@link DnsServerResource}), end to end through
 * POST /probe. The public address in the answers is data: the guard refuses the name before any
 * connection because another answer is private, and loopback comes first in every answer, so that
 * even a guard that failed would connect to the listener here, where the test sees it, first.
 */
@QuarkusTest
@TestProfile(DnsResolutionTest.LoopbackDns.class)
class DnsResolutionTest {

    /** The guard allows all of loopback here, so that a name can have several allowed addresses. */
    public static class LoopbackDns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.guard.allow", "127.0.0.0/8,::1/128");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DnsServerResource.class, Map.of(
                    "loopbacks.test", "127.0.0.1,127.0.0.2,127.0.0.3,::1",
                    "mixed-v4.test", "127.0.0.1,93.184.215.14,10.0.0.1",
                    "mixed-v6.test", "127.0.0.1,93.184.215.14,fd00::1",
                    "mapped.test", "127.0.0.1,::ffff:10.0.0.1",
                    "broken.test", "SERVFAIL")));
        }
    }

    static RawServer listener;

    @BeforeAll
    static void start() {
        listener = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"));
    }

    @AfterAll
    static void stop() {
        listener.close();
    }

    @Test
    void aNameWithSeveralLoopbackAddressesIsResolvedAndFetched() {
        int before = listener.connections();

        probe("http://loopbacks.test:" + listener.port() + "/")
                .body("results[0].status", equalTo(204))
                .body("results[0].remoteAddress", equalTo("127.0.0.1"));

        assertEquals(before + 1, listener.connections());
    }

    @ParameterizedTest
    @CsvSource({
            "mixed-v4.test, 10.0.0.1",
            "mixed-v6.test, fd00:",
            "mapped.test, 10.0.0.1" })
    void aNameWithOnePrivateAnswerAmongPublicOnesIsBlockedWithoutConnecting(String name, String privateAddress) {
        int before = listener.connections();

        probe("http://" + name + ":" + listener.port() + "/")
                .body("results[0].error.code", equalTo("BLOCKED_ADDRESS"))
                .body("results[0].error.message", containsString(privateAddress))
                .body("results[0].remoteAddress", nullValue());

        assertEquals(before, listener.connections(), "a blocked name was connected to");
    }

    @Test
    void aCachedAnswerIsJudgedByTheGuardAgain() {
        int before = listener.connections();

        for (int i = 0; i < 2; i++) {
            probe("http://mixed-v4.test:" + listener.port() + "/")
                    .body("results[0].error.code", equalTo("BLOCKED_ADDRESS"));
        }

        assertEquals(before, listener.connections(), "a blocked name was connected to");
    }

    @Test
    void aNameThatDoesNotExistIsDnsNxdomain() {
        probe("http://nowhere.test:" + listener.port() + "/")
                .body("results[0].error.code", equalTo("DNS_NXDOMAIN"))
                .body("results[0].error.message", equalTo("could not resolve nowhere.test (no such name)"));
    }

    @Test
    void aServerFailureIsADnsFailure() {
        probe("http://broken.test:" + listener.port() + "/")
                .body("results[0].error.code", equalTo("DNS_FAILURE"))
                .body("results[0].error.message", equalTo("could not resolve broken.test (SERVFAIL)"));
    }

    @Test
    void hostsFileNamesStillWin() {
        // allowed.test is 127.0.0.1 in src/test/resources/hosts and unknown to the DNS server.
        probe("http://allowed.test:" + listener.port() + "/")
                .body("results[0].status", equalTo(204));
    }

    private static ValidatableResponse probe(String target) {
        return given().contentType(ContentType.JSON).body(Map.of("targets", List.of(target)))
                .when().post("/probe")
                .then().statusCode(200);
    }
}
