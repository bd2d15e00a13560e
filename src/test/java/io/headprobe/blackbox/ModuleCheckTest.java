package io.headprobe.blackbox;

import static io.headprobe.blackbox.TestResults.failed;
import static io.headprobe.blackbox.TestResults.header;
import static io.headprobe.blackbox.TestResults.module;
import static io.headprobe.blackbox.TestResults.ok;
import static io.headprobe.blackbox.TestResults.tls;
import static io.headprobe.blackbox.TestResults.withTls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.headprobe.body.BodyFacts;
import io.headprobe.http.Header;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;

/** Each module key, evaluated as blackbox's prober/http.go does: success and probe_failed_due_to_regex. */
class ModuleCheckTest {

    private static final List<Header> HSTS = List.of(new Header("Strict-Transport-Security", "max-age=63072000"),
            new Header("Server", "nginx/1.25"), new Header("Server", "edge"));

    static Stream<Arguments> cases() {
        ProbeResult ok200 = ok(200, "HTTP/1.1", HSTS);
        ProbeResult https200 = withTls(ok200, tls(true));
        return Stream.of(
                row("no response fails", failed(ErrorCode.CONNECT_FAILED, "refused", null, null), module(), false, false),
                row("2xx by default", ok(204, "HTTP/1.1", HSTS), module(), true, false),
                row("3xx is not 2xx", ok(302, "HTTP/1.1", HSTS), module(), false, false),
                row("valid_status_codes replaces 2xx", ok(404, "HTTP/1.1", HSTS),
                        module(List.of(404), List.of(), false, false, List.of(), List.of()), true, false),
                row("200 not in valid_status_codes", ok200, module(List.of(404), List.of(), false, false, List.of(), List.of()),
                        false, false),
                row("valid_http_versions: HTTP/1.1 listed", ok200,
                        module(List.of(), List.of("HTTP/1.1", "HTTP/2.0"), false, false, List.of(), List.of()), true, false),
                row("valid_http_versions: HTTP/1.0 not listed", ok(200, "HTTP/1.0", HSTS),
                        module(List.of(), List.of("HTTP/1.1", "HTTP/2.0"), false, false, List.of(), List.of()), false, false),
                row("valid_http_versions: HeadProbe's HTTP/2 is Go's HTTP/2.0", ok(200, "HTTP/2", HSTS),
                        module(List.of(), List.of("HTTP/2.0"), false, false, List.of(), List.of()), true, false),
                row("fail_if_ssl over https", https200, module(List.of(), List.of(), true, false, List.of(), List.of()), false,
                        false),
                row("fail_if_ssl over http", ok200, module(List.of(), List.of(), true, false, List.of(), List.of()), true, false),
                row("fail_if_not_ssl over http", ok200, module(List.of(), List.of(), false, true, List.of(), List.of()), false,
                        false),
                row("fail_if_not_ssl over https", https200, module(List.of(), List.of(), false, true, List.of(), List.of()),
                        true, false),
                row("fail_if_header_matches: one of two Server lines matches", ok200,
                        module(List.of(), List.of(), false, false, List.of(header("server", "^edge$", false)), List.of()),
                        false, true),
                row("fail_if_header_matches: no match", ok200,
                        module(List.of(), List.of(), false, false, List.of(header("Server", "apache", false)), List.of()),
                        true, false),
                row("fail_if_header_matches: missing header fails", ok200,
                        module(List.of(), List.of(), false, false, List.of(header("X-Powered-By", "PHP", false)), List.of()),
                        false, true),
                row("fail_if_header_matches: missing header allowed", ok200,
                        module(List.of(), List.of(), false, false, List.of(header("X-Powered-By", "PHP", true)), List.of()),
                        true, false),
                row("fail_if_header_not_matches: regexp matches anywhere in the value", ok200,
                        module(List.of(), List.of(), false, false, List.of(),
                                List.of(header("Strict-Transport-Security", "max-age=\\d{7,}", false))), true, false),
                row("fail_if_header_not_matches: no value matches", ok200,
                        module(List.of(), List.of(), false, false, List.of(),
                                List.of(header("Strict-Transport-Security", "preload", false))), false, true),
                row("fail_if_header_not_matches: missing header fails", ok(200, "HTTP/1.1", List.of()),
                        module(List.of(), List.of(), false, false, List.of(),
                                List.of(header("Strict-Transport-Security", ".", false))), false, true),
                row("fail_if_header_not_matches: missing header allowed", ok(200, "HTTP/1.1", List.of()),
                        module(List.of(), List.of(), false, false, List.of(),
                                List.of(header("Strict-Transport-Security", ".", true))), true, false),
                row("header checks only run after a good status: no regex failure on a 500", ok(500, "HTTP/1.1", HSTS),
                        module(List.of(), List.of(), false, false, List.of(header("Server", "nginx", false)), List.of()),
                        false, false),
                row("a header failure stays a regex failure when the version is wrong too", ok(200, "HTTP/1.0", HSTS),
                        module(List.of(), List.of("HTTP/1.1"), false, false, List.of(header("Server", "nginx", false)),
                                List.of()), false, true))
                .map(Arguments::of);
    }

    record Row(String name, ProbeResult result, Module module, boolean success, boolean regex) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, ProbeResult result, Module module, boolean success, boolean regex) {
        return new Row(name, result, module, success, regex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesLikeBlackbox(Row row) {
        ModuleCheck check = ModuleCheck.of(row.result(), row.module());
        assertEquals(row.success(), check.success(), "success: " + check.reason());
        assertEquals(row.regex(), check.failedDueToRegex(), "failed due to regex: " + check.reason());
        assertEquals(check.success(), check.reason() == null, "a failure says why");
    }

    /**
     * The target chooses the header values. A pattern that makes a backtracking engine take
     * exponential time on a short value, and one that makes it recurse once per character on a long
     * one (a stack overflow in java.util.regex), are answered as Go's RE2 answers them.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang, not a measure
    void aHeaderValueCannotMakeTheMatchBacktrack() {
        Module module = BlackboxFile.parse("""
                modules:
                  m:
                    prober: http
                    http:
                      fail_if_header_matches: [{header: X-Host, regexp: '^([a-z]+\\.?){1,20}$'}]
                      fail_if_header_not_matches: [{header: X-Token, regexp: '^(?:[a-z]|-)+$'}]
                """).modules().get("m");
        ProbeResult hostile = ok(200, "HTTP/1.1", List.of(new Header("X-Host", "a".repeat(64) + "!"),
                new Header("X-Token", "a".repeat(20_000))));

        ModuleCheck check = ModuleCheck.of(hostile, module);

        assertTrue(check.success(), check.reason());
        assertFalse(check.failedDueToRegex());
    }

    /** blackbox's order for the body: status, header regexes, body regexes (an unreadable body fails them), the read. */
    @Test
    void bodyChecksAsBlackboxReadsTheBody() {
        Module module = BlackboxFile.parse("""
                modules:
                  m:
                    prober: http
                    http:
                      fail_if_body_matches_regexp: ['(?i)error']
                      fail_if_body_not_matches_regexp: ['^ok']
                      body_size_limit: 10
                """).modules().get("m");
        ProbeResult read = ok(200, "HTTP/1.1", HSTS).withBody(facts(5, 5, false));
        assertEquals(new ModuleCheck(true, false, null), ModuleCheck.of(read, new ModuleCheck.Read("ok go", 10), module));
        assertEquals(new ModuleCheck(false, true, "Body matched regular expression (?i)error"),
                ModuleCheck.of(read, new ModuleCheck.Read("ok ERROR", 10), module));
        assertEquals(new ModuleCheck(false, true, "Body did not match regular expression ^ok"),
                ModuleCheck.of(read, new ModuleCheck.Read(" ok", 10), module));
        assertEquals(new ModuleCheck(false, true, "Body did not match regular expression ^ok"),
                ModuleCheck.of(read, new ModuleCheck.Read(null, 10), module), "a binary body is matched as empty");
        ProbeResult over = ok(200, "HTTP/1.1", HSTS).withBody(facts(10, 10, true));
        assertEquals(new ModuleCheck(false, true, "Error reading HTTP body: http: request body too large"),
                ModuleCheck.of(over, new ModuleCheck.Read("ok", 10), module));
        ProbeResult notFound = ok(404, "HTTP/1.1", HSTS).withBody(facts(10, 10, true));
        ModuleCheck status = ModuleCheck.of(notFound, new ModuleCheck.Read("ok", 10), module);
        assertFalse(status.success());
        assertFalse(status.failedDueToRegex(), "the body is not looked at after a bad status");
    }

    @Test
    void aBodyCutShortOrOverTheLimitFailsWithoutRegexes() {
        Module limit = BlackboxFile.parse("modules: {m: {prober: http, http: {body_size_limit: 10}}}").modules().get("m");
        ProbeResult cut = ok(200, "HTTP/1.1", HSTS).withBody(facts(4, 4, true));
        assertEquals(new ModuleCheck(false, false, "Failed to read HTTP response body: unexpected EOF (the body ended "
                + "before its length, or the time ran out)"), ModuleCheck.of(cut, new ModuleCheck.Read("", 10), limit));
        ProbeResult over = ok(200, "HTTP/1.1", HSTS).withBody(facts(10, 10, true));
        assertEquals(new ModuleCheck(false, false, "Failed to read HTTP response body: http: request body too large"),
                ModuleCheck.of(over, new ModuleCheck.Read("", 10), limit));
        assertTrue(ModuleCheck.of(over, new ModuleCheck.Read("", 10), module()).success(),
                "without a limit, HeadProbe's own cap only stops the read");
    }

    private static BodyFacts facts(long bytes, long wireBytes, boolean truncated) {
        return new BodyFacts(bytes, wireBytes, truncated, null, "", "", null, 0, 0, null, null);
    }
}
