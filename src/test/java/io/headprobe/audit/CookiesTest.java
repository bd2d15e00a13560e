package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.audit.AuditedResponse.CookieSource;
import io.headprobe.http.Header;

/**
 * Observatory's test/cookies.test.js, then HeadProbe's own cases for how the jar reads odd lines
 * (each checked against Observatory's code with tough-cookie 5.1.2). Set-Cookie lines in a cell are
 * separated by " ++ ".
 */
class CookiesTest {

    static final String MOZILLA = "https://mozilla.org/";

    @ParameterizedTest(name = "{0} (HSTS {1}) -> {2}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            // "detects no cookies found"
            "MISSING | MISSING | cookies-not-found | true",
            // "checks secure with httponly sessions" (the Heroku affinity cookie is not graded)
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly ++ foo=bar; Domain=mozilla.org; Secure; Path=/"
                    + " ++ heroku-session-affinity=bar; Domain=mozilla.org; Path=/ | MISSING | cookies-secure-with-httponly-sessions | true",
            // "checks secure with httponly sessions and samesite"
            "SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Strict"
                    + " ++ SESSIONID_SAMESITE_LAX=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Lax"
                    + " ++ SESSIONID_SAMESITE_NONE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=None"
                    + " | MISSING | cookies-secure-with-httponly-sessions-and-samesite | true",
            // "... samesite not awarded if not all cookies samesite"
            "SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Strict"
                    + " ++ SESSIONID_SAMESITE_NO_SAMESITE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly"
                    + " ++ SESSIONID_SAMESITE_LAX=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Lax"
                    + " ++ SESSIONID_SAMESITE_NONE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=None"
                    + " | MISSING | cookies-secure-with-httponly-sessions | true",
            // "checks anticsrf without samesite"
            "CSRFTOKEN=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly | MISSING | cookies-anticsrf-without-samesite-flag | false",
            // "checks samesite invalid empty", "... invalid true", "... invalid"
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite= | MISSING | cookies-samesite-flag-invalid | false",
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=True | MISSING | cookies-samesite-flag-invalid | false",
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Invalid | MISSING | cookies-samesite-flag-invalid | false",
            // "checks regular cookie no secure but hsts"
            "foo=bar; Domain=mozilla.org; Path=/ | max-age=15768000 | cookies-without-secure-flag-but-protected-by-hsts | false",
            // "checks session cookie no secure but hsts"
            "SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly | max-age=15768000 | cookies-session-without-secure-flag-but-protected-by-hsts | false",
            // "checks no secure"
            "foo=bar; Domain=mozilla.org; Path=/ | MISSING | cookies-without-secure-flag | false",
            // "checks session no httponly"
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure | MISSING | cookies-session-without-httponly-flag | false",
            // "checks session no secure", both cases (mozilla/http-observatory#97)
            "SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly | MISSING | cookies-session-without-secure-flag | false",
            "SESSIONID=bar; Domain=mozilla.org; Path=/ | MISSING | cookies-session-without-secure-flag | false" })
    void observatoryCases(String cookies, String hsts, String result, boolean pass) {
        assertResult(result, pass, MOZILLA, hsts, cookies);
    }

    /** Only a passing HSTS result protects a cookie without Secure; the header alone does not. */
    @ParameterizedTest(name = "{0} HSTS {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "https://mozilla.org/ | max-age=31536000 | foo=bar | cookies-without-secure-flag-but-protected-by-hsts",
            "https://mozilla.org/ | max-age=86400 | foo=bar | cookies-without-secure-flag",
            "https://mozilla.org/ | includeSubDomains | foo=bar | cookies-without-secure-flag",
            "http://mozilla.org/ | max-age=31536000 | foo=bar | cookies-without-secure-flag",
            "http://mozilla.org/ | max-age=31536000 | sessid=1; HttpOnly | cookies-session-without-secure-flag",
            "https://mozilla.org/ | max-age=31536000 | sessid=1 | cookies-session-without-httponly-flag" })
    void protectedByHsts(String url, String hsts, String cookies, String result) {
        assertResult(result, false, url, hsts, cookies);
    }

    /** Which cookie names count, and how results rank (Observatory's order, not the score table's). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "user_login=1; Secure | cookies-session-without-httponly-flag | false",
            "PHPSESSID=1; Secure; HttpOnly | cookies-secure-with-httponly-sessions | true",
            "csrftoken=1; Secure; SameSite=Strict | cookies-secure-with-httponly-sessions-and-samesite | true",
            "XSRF-TOKEN=1; Secure | cookies-secure-with-httponly-sessions | true",
            "theme=dark; SameSite=None | cookies-samesite-flag-invalid | false",
            "theme=dark; Secure; SameSite=None | cookies-secure-with-httponly-sessions-and-samesite | true",
            "theme=dark ++ csrf=1; Secure | cookies-anticsrf-without-samesite-flag | false",
            "csrf=1; Secure ++ sessid=1; Secure | cookies-session-without-httponly-flag | false",
            "theme=dark; SameSite=Bogus ++ sessid=1; HttpOnly | cookies-session-without-secure-flag | false" })
    void ranking(String cookies, String result, boolean pass) {
        assertResult(result, pass, MOZILLA, null, cookies);
    }

    /** How tough-cookie reads a line and what its jar keeps. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // no name: dropped
            "https://mozilla.org/ | foo | cookies-not-found",
            "https://mozilla.org/ | =foo; Secure | cookies-not-found",
            "https://mozilla.org/ | ' =foo' | cookies-not-found",
            // an unknown SameSite on a line the jar drops is forgotten with it
            "https://mozilla.org/ | =foo; SameSite=Bogus | cookies-not-found",
            // ... but not when another cookie is kept
            "https://mozilla.org/ | =foo; SameSite=Bogus ++ theme=dark; Secure; SameSite=Lax | cookies-samesite-flag-invalid",
            // the raw check reads the name=value pair too
            "https://mozilla.org/ | SameSite=1; Secure | cookies-samesite-flag-invalid",
            "https://mozilla.org/ | theme=dark; Secure; Domain=mozilla.org; Max-Age=100; Expires=Wed, 21 Oct 2035 07:28:00 GMT; Partitioned; SameSite=Lax"
                    + " | cookies-secure-with-httponly-sessions-and-samesite",
            "https://mozilla.org/ | heroku-session-affinity=1 | cookies-not-found",
            // another site's domain, or a public suffix: dropped
            "https://mozilla.org/ | foo=bar; Domain=example.com | cookies-not-found",
            "https://mozilla.org/ | foo=bar; Domain=org | cookies-not-found",
            // public suffixes from the Public Suffix List, private ones included (tough-cookie's psl)
            "https://www.example.co.uk/ | foo=bar; Domain=co.uk | cookies-not-found",
            "https://www.example.co.uk/ | foo=bar; Domain=example.co.uk | cookies-without-secure-flag",
            "https://a.github.io/ | foo=bar; Domain=github.io | cookies-not-found",
            "https://a.github.io/ | foo=bar; Domain=a.github.io | cookies-without-secure-flag",
            "https://www.mozilla.org/ | foo=bar; Domain=.mozilla.org; Secure | cookies-secure-with-httponly-sessions",
            "https://mozilla.org/ | foo=bar; Domain=www.mozilla.org | cookies-not-found",
            // tough-cookie drops one more leading dot when matching, but not when telling cookies apart
            "https://mozilla.org/ | foo=bar; Domain=..mozilla.org | cookies-without-secure-flag",
            "https://mozilla.org/ | foo=bar; Domain=..org | cookies-not-found",
            "https://mozilla.org/ | foo=bar; Domain=..mozilla.org ++ foo=baz; Domain=mozilla.org; Secure | cookies-without-secure-flag",
            "https://127.0.0.1/ | foo=bar; Domain=127.0.0.1 | cookies-not-found",
            "https://localhost/ | foo=bar; Domain=localhost | cookies-without-secure-flag",
            "https://a.test/ | foo=bar; Domain=test | cookies-not-found",
            "https://a.b.test/ | foo=bar; Domain=b.test | cookies-without-secure-flag",
            // prefixes, matched case-sensitively
            "https://mozilla.org/ | __Secure-id=1 | cookies-not-found",
            "https://mozilla.org/ | __Secure-id=1; Secure; SameSite=Lax | cookies-secure-with-httponly-sessions-and-samesite",
            "https://mozilla.org/ | __Host-id=1; Secure; Path=/; Domain=mozilla.org | cookies-not-found",
            "https://mozilla.org/ | __Host-id=1; Secure; Path=/docs | cookies-not-found",
            "https://mozilla.org/ | __Host-id=1; Secure; Path=/; SameSite=Lax | cookies-secure-with-httponly-sessions-and-samesite",
            // without Path the default path is checked: "/" from /page, "/docs" from /docs/page
            "https://mozilla.org/page | __Host-id=1; Secure; SameSite=Lax | cookies-secure-with-httponly-sessions-and-samesite",
            "https://mozilla.org/docs/page | __Host-id=1; Secure; SameSite=Lax | cookies-not-found",
            "https://mozilla.org/ | __secure-sessid=1 | cookies-session-without-secure-flag",
            // set twice with the same name, domain and path: the second replaces the first
            "https://mozilla.org/ | sessid=1; HttpOnly ++ sessid=2; Secure; HttpOnly | cookies-secure-with-httponly-sessions",
            "https://mozilla.org/ | sessid=1; Secure; HttpOnly ++ sessid=2; HttpOnly | cookies-session-without-secure-flag",
            "https://mozilla.org/ | sessid=1; HttpOnly; Path=/a ++ sessid=2; Secure; HttpOnly; Path=/ | cookies-session-without-secure-flag",
            // attributes: any Secure counts, the last SameSite wins, a value up to a second "=" is checked raw
            "https://mozilla.org/ | theme=dark; Secure=no; SameSite=Lax | cookies-secure-with-httponly-sessions-and-samesite",
            "https://mozilla.org/ | theme=dark; Secure; SameSite=Lax=1 | cookies-secure-with-httponly-sessions",
            "https://mozilla.org/ | theme=dark; Secure; SAMESITE=STRICT | cookies-secure-with-httponly-sessions-and-samesite",
            "https://mozilla.org/ | theme=dark; Secure; SameSite | cookies-samesite-flag-invalid",
            // a cookie deleted with Max-Age=0 is still in Observatory's jar, and still graded
            "https://mozilla.org/ | sessid=; Max-Age=0 | cookies-session-without-secure-flag" })
    void jar(String url, String cookies, String result) {
        assertResult(result, null, url, null, cookies);
    }

    /**
     * Observatory's jar collects the cookies of every response of the session it grades (src/retriever/session.js):
     * the redirects before the final response; robots.txt and the CORS preflight only when the page was
     * fetched again without TLS verification (only then does their client carry the jar), and then over https.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no other response | '' | '' | '' | '' | true | cookies-secure-with-httponly-sessions-and-samesite",
            "an earlier https hop | https://mozilla.org/ | tracker=1; Secure | '' | '' | true | cookies-secure-with-httponly-sessions",
            "an http hop before https | http://mozilla.org/ | tracker=1; Secure | '' | '' | true | cookies-secure-with-httponly-sessions-and-samesite",
            "robots.txt, verified | '' | '' | https://www.mozilla.org/robots.txt | tracker=1; Secure | true | cookies-secure-with-httponly-sessions-and-samesite",
            "robots.txt, not verified | '' | '' | https://www.mozilla.org/robots.txt | tracker=1; Secure | false | cookies-secure-with-httponly-sessions",
            "robots.txt over http, not verified | '' | '' | http://www.mozilla.org/robots.txt | tracker=1; Secure | false | cookies-secure-with-httponly-sessions-and-samesite",
            // the same cookie set again replaces the earlier one
            "replaced by the final response | https://mozilla.org/ | sessid=0; Domain=mozilla.org; HttpOnly | '' | '' | true | cookies-secure-with-httponly-sessions-and-samesite",
            "replaced by robots.txt | '' | '' | https://www.mozilla.org/robots.txt | sessid=0; Domain=mozilla.org; HttpOnly | false | cookies-session-without-secure-flag",
            // each line is checked against the URL of its own response: another site's hop may set its own
            "another site's hop | https://example.com/ | theme=dark; Domain=example.com | '' | '' | true | cookies-without-secure-flag",
            "a hop setting another site's | https://example.com/ | theme=dark; Domain=mozilla.org | '' | '' | true | cookies-secure-with-httponly-sessions-and-samesite" })
    void everyResponseOfTheSession(String name, String hopUrl, String hopCookie, String robotsUrl, String robotsCookie,
            boolean verified, String result) {
        AuditedResponse response = new AuditedResponse("https://www.mozilla.org/", List.of(
                new Header("Set-Cookie", "sessid=0; Domain=mozilla.org; Secure; HttpOnly; SameSite=Lax")))
                .withVerified(verified);
        if (!hopUrl.isEmpty()) {
            response = response.withEarlierCookies(List.of(new CookieSource(hopUrl, List.of(hopCookie))));
        }
        if (!robotsUrl.isEmpty()) {
            response = response.withRobotsCookies(List.of(new CookieSource(robotsUrl, List.of(robotsCookie))));
        }
        Finding finding = Cookies.check(response);
        assertEquals(result, finding.result(), finding.detail());
    }

    /** With its jar, Observatory's CORS client also keeps the preflight answer's cookies. */
    @Test
    void theCorsPreflightsCookiesWhenNotVerified() {
        AuditedResponse response = new AuditedResponse("https://www.mozilla.org/", List.of())
                .withCorsPreflight(List.of(new Header("Set-Cookie", "tracker=1")));
        assertEquals("cookies-not-found", Cookies.check(response).result());
        assertEquals("cookies-without-secure-flag", Cookies.check(response.withVerified(false)).result());
    }

    private static void assertResult(String result, Boolean pass, String url, String hsts, String cookies) {
        List<Header> headers = new ArrayList<>();
        if (hsts != null) {
            headers.add(new Header("Strict-Transport-Security", hsts));
        }
        if (cookies != null) {
            for (String line : cookies.split(" \\+\\+ ")) {
                headers.add(new Header("Set-Cookie", line));
            }
        }
        Finding finding = Cookies.check(new AuditedResponse(url, headers));
        assertEquals(result, finding.result(), finding.detail());
        if (pass != null) {
            assertEquals(pass, finding.pass(), finding.detail());
        }
        assertEquals(Cookies.TEST, finding.test());
    }
}
