package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;

import io.headprobe.body.BodyFacts;
import io.headprobe.http.Header;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import picocli.CommandLine.TypeConversionException;

/** httpx's match and filter options on results made here: status lists and classes, RE2 over the head and title. */
class ResultFilterTest {

    private static final ProbeResult OK = answer(200, "HTTP/1.1", List.of(new Header("Server", "nginx/1.25"),
            new Header("Content-Type", "text/html")), null);
    private static final ProbeResult NOT_FOUND = answer(404, "HTTP/2", List.of(new Header("server", "caddy")), null);
    private static final ProbeResult REFUSED = ProbeResult.notFetched("http://127.0.0.1:1/",
            new ProbeResult.Error(ErrorCode.CONNECT_FAILED, "connection refused"));

    @Test
    void statusListsTakeCodesAndClassesInAnyCase() {
        assertEquals(new ResultFilter.StatusRange(200, 200), ResultFilter.StatusRange.parse(" 200 "));
        assertEquals(new ResultFilter.StatusRange(300, 399), ResultFilter.StatusRange.parse("3xx"));
        assertEquals(new ResultFilter.StatusRange(500, 599), ResultFilter.StatusRange.parse("5XX"));
        ResultFilter twoHundredOrRedirect = new ResultFilter(List.of(ResultFilter.StatusRange.parse("200"),
                ResultFilter.StatusRange.parse("3xx")), List.of(), List.of(), List.of());
        assertTrue(twoHundredOrRedirect.keeps(OK, null));
        assertTrue(twoHundredOrRedirect.keeps(answer(308, "HTTP/1.1", List.of(), null), null));
        assertFalse(twoHundredOrRedirect.keeps(answer(204, "HTTP/1.1", List.of(), null), null));
        assertFalse(twoHundredOrRedirect.keeps(NOT_FOUND, null));
    }

    @Test
    void unknownStatusesAndClassesAreRefusedSayingWhatIsAccepted() {
        for (String bad : List.of("6xx", "0xx", "99", "600", "2x", "20o", "", "ok")) {
            TypeConversionException refused = assertThrows(TypeConversionException.class,
                    () -> new StatusConverter().convert(bad), bad);
            assertEquals("'" + bad + "' is not a status code or class (100 to 599, 1xx to 5xx)", refused.getMessage());
        }
    }

    @Test
    void aBadRegexIsRefusedWithRe2sReason() {
        TypeConversionException refused = assertThrows(TypeConversionException.class, () -> new RegexConverter().convert("(admin"));
        assertTrue(refused.getMessage().startsWith("'(admin' is not an RE2 regex: missing closing )"), refused.getMessage());
        // Java's lookahead is not RE2: refused here as httpx (Go) refuses it.
        assertThrows(TypeConversionException.class, () -> new RegexConverter().convert("(?=admin)"));
    }

    @Test
    void aFilteredStatusIsLeftOutAndAFailureWithoutStatusIsKeptByFiltersDroppedByMatches() {
        ResultFilter noClientErrors = new ResultFilter(List.of(), List.of(ResultFilter.StatusRange.parse("4xx")),
                List.of(), List.of());
        assertFalse(noClientErrors.keeps(NOT_FOUND, null));
        assertTrue(noClientErrors.keeps(OK, null));
        assertTrue(noClientErrors.keeps(REFUSED, null), "no status is not a listed status");
        ResultFilter anyAnswer = new ResultFilter(List.of(ResultFilter.StatusRange.parse("1xx"),
                ResultFilter.StatusRange.parse("2xx"), ResultFilter.StatusRange.parse("3xx"),
                ResultFilter.StatusRange.parse("4xx"), ResultFilter.StatusRange.parse("5xx")), List.of(), List.of(), List.of());
        assertFalse(anyAnswer.keeps(REFUSED, null), "a target that did not answer matches no status");
    }

    @Test
    void regexesReadTheHeadAsLinesEveryMatchMustFindAndAnyFilterDrops() {
        assertEquals("HTTP/1.1 200\nServer: nginx/1.25\nContent-Type: text/html\n\n", ResultFilter.text(OK, null));
        ResultFilter nginxHtml = regexes(List.of("(?m)^Server: nginx", "text/html$"), List.of());
        assertFalse(nginxHtml.keeps(OK, null), "$ without (?m) is the end of the text, after the empty line");
        assertTrue(regexes(List.of("(?m)^Server: nginx", "(?m)text/html$"), List.of()).keeps(OK, null));
        assertFalse(regexes(List.of("(?m)^Server: nginx", "(?m)^X-Missing:"), List.of()).keeps(OK, null),
                "every match regex must find something");
        assertTrue(regexes(List.of("^HTTP/2 404"), List.of()).keeps(NOT_FOUND, null), "the status line starts the text");
        assertFalse(regexes(List.of("Server: caddy"), List.of()).keeps(NOT_FOUND, null),
                "names as received: HTTP/2 sends them in lower case");
        assertTrue(regexes(List.of("(?i)Server: caddy"), List.of()).keeps(NOT_FOUND, null));

        ResultFilter noNginx = regexes(List.of(), List.of("nginx", "apache"));
        assertFalse(noNginx.keeps(OK, null));
        assertTrue(noNginx.keeps(NOT_FOUND, null));
        assertTrue(noNginx.keeps(REFUSED, null), "nothing to find in a target that did not answer");
        assertFalse(regexes(List.of("."), List.of()).keeps(REFUSED, null));
    }

    @Test
    void theTitleStandsInForTheBodyUntilTheBodyTextIsHandedOver() {
        ProbeResult page = answer(200, "HTTP/1.1", List.of(new Header("Server", "nginx")), body("Admin Login"));
        assertEquals("HTTP/1.1 200\nServer: nginx\n\nAdmin Login", ResultFilter.text(page, null));
        assertTrue(regexes(List.of("(?m)^Admin"), List.of()).keeps(page, null));
        assertTrue(regexes(List.of(), List.of("Login")).keeps(OK, null), "no body read: nothing but the head to find");
        assertFalse(regexes(List.of(), List.of("Login")).keeps(page, null));

        String html = "<html><title>Admin Login</title><p>powered by WordPress</p>";
        assertEquals("HTTP/1.1 200\nServer: nginx\n\n" + html, ResultFilter.text(page, html));
        assertTrue(regexes(List.of("WordPress"), List.of()).keeps(page, html));
        assertFalse(regexes(List.of("WordPress"), List.of()).keeps(page, null));
    }

    @Test
    void withoutAnyOptionEveryResultIsKept() {
        assertFalse(ResultFilter.NONE.active());
        for (ProbeResult result : List.of(OK, NOT_FOUND, REFUSED)) {
            assertTrue(ResultFilter.NONE.keeps(result, null));
        }
        assertTrue(regexes(List.of(), List.of("x")).active());
    }

    private static ResultFilter regexes(List<String> match, List<String> filter) {
        RegexConverter converter = new RegexConverter();
        List<Pattern> matches = match.stream().map(converter::convert).toList();
        List<Pattern> filters = filter.stream().map(converter::convert).toList();
        return new ResultFilter(List.of(), List.of(), matches, filters);
    }

    static ProbeResult answer(int status, String httpVersion, List<Header> headers, BodyFacts body) {
        return new ProbeResult("http://127.0.0.1/", "http://127.0.0.1/", true, status, httpVersion, headers, List.of(),
                null, "127.0.0.1", List.of("127.0.0.1"), null, null, body, null);
    }

    static BodyFacts body(String title) {
        return new BodyFacts(120, 80, false, "gzip", "ab".repeat(32), "-1255992602", title, 7, 3, null, null);
    }
}
