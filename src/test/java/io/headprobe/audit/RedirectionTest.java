package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's test/redirection.test.js, one row per case it can express with HeadProbe's input:
 * the route is given as URLs separated by spaces, from the http URL to the final one.
 */
class RedirectionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // Observatory "redirection missing"
            "http://mozilla.org | redirection-missing | false",
            // Observatory "redirection not to https", short and long chains
            "http://mozilla.org http://www.mozilla.org | redirection-not-to-https | false",
            "http://mozilla.org http://www.mozilla.org http://www.mozilla.org/en/ | redirection-not-to-https | false",
            // Observatory "proper redirection to https" (emptyRequests' default route)
            "http://mozilla.org/ https://mozilla.org/ https://www.mozilla.org/ | redirection-to-https | true",
            // Observatory "proper redirection to https with port number": the port is not the host
            "http://mozilla.org/ https://mozilla.org:8443/ | redirection-to-https | true",
            // Observatory "first redirection to http"
            "http://mozilla.org/ http://www.mozilla.org/ https://www.mozilla.org/ | redirection-not-to-https-on-initial-redirection | false",
            // Observatory "first redirection off host"
            "http://mozilla.org/ https://www.mozilla.org/ | redirection-off-host-from-http | false",
            // HeadProbe's own: the last hop decides "not to https" before the first hop is looked at
            "http://mozilla.org/ https://mozilla.org/ http://mozilla.org/en/ | redirection-not-to-https | false",
            // host names compare case-insensitively, as URL.hostname lower-cases them
            "http://Mozilla.ORG/ https://mozilla.org/ | redirection-to-https | true",
            // only the first hop must stay on the host
            "http://mozilla.org/ https://mozilla.org/ https://www.mozilla.org/ https://example.com/ | redirection-to-https | true" })
    void observatoryCases(String route, String result, boolean pass) {
        Finding finding = Redirection.check(new AuditedResponse(last(route), List.of(), List.of(route.split(" "))));
        assertEquals(result, finding.result(), finding.detail());
        assertEquals(pass, finding.pass(), finding.detail());
        assertEquals(Redirection.TEST, finding.test());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // Observatory "checks for all redirections preloaded" (cloudflare.com is preloaded with its subdomains)
            "http://cloudflare.com/ https://cloudflare.com/ https://www.cloudflare.com/ https://baz.cloudflare.com/foo"
                    + " | true | redirection-all-redirects-preloaded | true",
            // ours: one host off the list and the route is graded as usual
            "http://cloudflare.com/ https://example.com/ | true | redirection-off-host-from-http | false",
            // a preloaded host never needs its http redirect, even when it has none
            "http://cloudflare.com/ | true | redirection-all-redirects-preloaded | true",
            // a certificate that did not verify comes first (Observatory's http response is unverified)
            "http://mozilla.org/ https://mozilla.org/ | false | redirection-invalid-cert | false",
            "http://cloudflare.com/ https://cloudflare.com/ | false | redirection-invalid-cert | false" })
    void preloadAndCertificate(String route, boolean verified, String result, boolean pass) {
        AuditedResponse response = new AuditedResponse(last(route), List.of(), List.of(route.split(" ")))
                .withPreload(TestResponses.PRELOAD).withVerified(verified);
        Finding finding = Redirection.check(response);
        assertEquals(result, finding.result(), finding.detail());
        assertEquals(pass, finding.pass(), finding.detail());
    }

    /**
     * Observatory's "no http but does have https" (redirection-not-needed-no-http) comes from its own
     * http fetch failing; HeadProbe makes no such fetch, and without an http hop nothing is graded.
     */
    @Test
    void notGradedWithoutAnHttpHop() {
        assertNull(Redirection.check(new AuditedResponse("https://mozilla.org/", List.of())));
    }

    private static String last(String route) {
        String[] urls = route.split(" ");
        return urls[urls.length - 1];
    }
}
