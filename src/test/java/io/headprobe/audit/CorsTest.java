package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.http.Header;

/**
 * Observatory's test/cors.test.js, then cases of our own checked against Observatory's code. The
 * first column is the Origin the request was sent with (Observatory always sends one).
 */
class CorsTest {

    static final String OBSERVATORY = Cors.ORIGIN;

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | MISSING | MISSING | cross-origin-resource-sharing-not-implemented | true",
            "MISSING | * | MISSING | cross-origin-resource-sharing-implemented-with-public-access | true",
            OBSERVATORY + " | https://mozilla.org | MISSING | cross-origin-resource-sharing-implemented-with-restricted-access | true",
            OBSERVATORY + " | " + OBSERVATORY + " | true | cross-origin-resource-sharing-implemented-with-universal-access | false",
            // ours
            "MISSING | " + OBSERVATORY + " | true | cross-origin-resource-sharing-implemented-with-restricted-access | true",
            OBSERVATORY + " | " + OBSERVATORY + " | MISSING | cross-origin-resource-sharing-implemented-with-restricted-access | true",
            OBSERVATORY + " | " + OBSERVATORY + " | ' TRUE ' | cross-origin-resource-sharing-implemented-with-universal-access | false",
            OBSERVATORY + " | " + OBSERVATORY + " | yes | cross-origin-resource-sharing-implemented-with-restricted-access | true",
            OBSERVATORY + " | '" + OBSERVATORY + " ' | true | cross-origin-resource-sharing-implemented-with-restricted-access | true",
            OBSERVATORY + " | * | true | cross-origin-resource-sharing-implemented-with-public-access | true",
            "MISSING | ' * ' | MISSING | cross-origin-resource-sharing-implemented-with-public-access | true",
            "MISSING | '' | MISSING | cross-origin-resource-sharing-not-implemented | true" })
    void grades(String requestOrigin, String allowOrigin, String allowCredentials, String result, boolean pass) {
        List<Header> headers = new ArrayList<>();
        if (allowOrigin != null) {
            headers.add(new Header("Access-Control-Allow-Origin", allowOrigin));
        }
        if (allowCredentials != null) {
            headers.add(new Header("Access-Control-Allow-Credentials", allowCredentials));
        }
        Finding finding = Cors.check(new AuditedResponse(TestResponses.URL, headers), requestOrigin);
        assertEquals(result, finding.result());
        assertEquals(pass, finding.pass());
        assertEquals(Cors.TEST, finding.test());
    }

    @Test
    void withoutARequestOriginAnEchoedOriginIsRestricted() {
        AuditedResponse response = new AuditedResponse(TestResponses.URL, List.of(
                new Header("Access-Control-Allow-Origin", OBSERVATORY),
                new Header("Access-Control-Allow-Credentials", "true")));
        assertEquals("cross-origin-resource-sharing-implemented-with-restricted-access", Cors.check(response).result());
    }

    /** Observatory grades the answer to its preflight, sent with its Origin, not the page's own headers. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "echoes the origin with credentials | https://http-observatory.security.mozilla.org | true | cross-origin-resource-sharing-implemented-with-universal-access",
            "another origin with credentials | https://mozilla.org | true | cross-origin-resource-sharing-implemented-with-restricted-access",
            "any origin | * | MISSING | cross-origin-resource-sharing-implemented-with-public-access",
            "no Access-Control-Allow-Origin | MISSING | MISSING | cross-origin-resource-sharing-not-implemented" })
    void gradesThePreflightAnswer(String name, String allowOrigin, String allowCredentials, String result) {
        List<Header> preflight = new ArrayList<>();
        if (allowOrigin != null) {
            preflight.add(new Header("Access-Control-Allow-Origin", allowOrigin));
        }
        if (allowCredentials != null) {
            preflight.add(new Header("Access-Control-Allow-Credentials", allowCredentials));
        }
        // The page itself shares with everyone: not what is graded once the preflight was sent.
        AuditedResponse page = new AuditedResponse(TestResponses.URL, List.of(new Header("Access-Control-Allow-Origin", "*")));
        assertEquals(result, Cors.check(page.withCorsPreflight(preflight)).result());
    }

    @Test
    void thePreflightGoesWithObservatorysOrigin() {
        assertEquals("https://http-observatory.security.mozilla.org", Cors.ORIGIN);
    }

    /** Repeated lines are joined as Node joins them: "*, *" and "true, true" are neither "*" nor "true". */
    @Test
    void gradesTwoHeaderLinesAsTheirJoinedValue() {
        String restricted = "cross-origin-resource-sharing-implemented-with-restricted-access";
        assertEquals(restricted, Cors.check(new AuditedResponse(TestResponses.URL, List.of(
                new Header("Access-Control-Allow-Origin", "*"),
                new Header("Access-Control-Allow-Origin", "*")))).result());
        assertEquals(restricted, Cors.check(new AuditedResponse(TestResponses.URL, List.of(
                new Header("Access-Control-Allow-Origin", OBSERVATORY),
                new Header("Access-Control-Allow-Credentials", "true"),
                new Header("Access-Control-Allow-Credentials", "true"))), OBSERVATORY).result());
    }
}
