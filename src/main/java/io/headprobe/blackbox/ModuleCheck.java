package io.headprobe.blackbox;

import java.util.List;

import com.google.re2j.Pattern;

import io.headprobe.http.Header;
import io.headprobe.probe.ProbeResult;

/**
 * Whether a probe result passes a module's checks, evaluated as blackbox's ProbeHTTP does
 * (prober/http.go), in its order and with its quirks:
 * <ol>
 * <li>no response at all fails;</li>
 * <li>the status must be in valid_status_codes, or 2xx when that list is empty;</li>
 * <li>only if that passed: fail_if_header_matches, then fail_if_header_not_matches, which set
 * probe_failed_due_to_regex (so a bad status never sets it). A missing header fails unless
 * allow_missing; each header line is one value and the regexp may match anywhere in it (Go's
 * MatchString);</li>
 * <li>a gzip compression the response is not in;</li>
 * <li>only if all passed: fail_if_body_matches_regexp, then fail_if_body_not_matches_regexp, on the
 * decoded body (probe_failed_due_to_regex again); a body that could not be read, or went beyond
 * body_size_limit, fails them too, as blackbox's read fails;</li>
 * <li>the body read to its end: cut short, undecodable or beyond body_size_limit fails;</li>
 * <li>valid_http_versions ("HTTP/1.0", "HTTP/1.1", "HTTP/2.0"), whatever came before;</li>
 * <li>fail_if_ssl when the final response came over TLS; fail_if_not_ssl when it did not and
 * nothing else failed yet.</li>
 * </ol>
 * CEL is not supported; {@link Module} has no such keys.
 *
 * @param reason why it failed, worded like blackbox's log line; null on success
 */
public record ModuleCheck(boolean success, boolean failedDueToRegex, String reason) {

    private static final ModuleCheck PASSED = new ModuleCheck(true, false, null);

    /**
     * The body as read for a module.
     *
     * @param text the decoded body as text; null when it is not text (it is matched as empty)
     * @param cap the most bytes read, on the wire and decoded: body_size_limit, or less
     */
    public record Read(String text, int cap) {
    }

    public static ModuleCheck of(ProbeResult result, Module module) {
        return of(result, null, module);
    }

    /** @param read the body read, null when none was (a HEAD) */
    public static ModuleCheck of(ProbeResult result, Read read, Module module) {
        if (!result.ok() || result.status() == null) {
            return new ModuleCheck(false, false,
                    result.error() == null ? "no response" : result.error().code() + ": " + result.error().message());
        }
        int status = result.status();
        ModuleCheck check = PASSED;
        if (module.validStatusCodes().isEmpty() ? status < 200 || status > 299 : !module.validStatusCodes().contains(status)) {
            check = failed(false, module.validStatusCodes().isEmpty()
                    ? "Invalid HTTP response status code, wanted 2xx: " + status
                    : "Invalid HTTP response status code " + status + ", valid: " + module.validStatusCodes());
        }
        if (check.success() && !(module.failIfHeaderMatches().isEmpty() && module.failIfHeaderNotMatches().isEmpty())) {
            String headerFailure = headerFailure(result.headers(), module);
            if (headerFailure != null) {
                check = failed(true, headerFailure);
            }
        }
        Module.HttpExtras extras = module.extras();
        if (check.success() && extras.compression().equals("gzip") && !"gzip".equals(coding(result))) {
            // Go's gzip reader reads the header at once: blackbox fails before it reads the body.
            check = failed(false, "Failed to get decompressor for HTTP response body: gzip: invalid header");
        }
        String readFailure = readFailure(result, read, extras);
        if (check.success() && extras.checksBody()) {
            String bodyFailure = readFailure != null ? "Error reading HTTP body: " + readFailure
                    : bodyFailure(read == null || read.text() == null ? "" : read.text(), extras);
            if (bodyFailure != null) {
                check = failed(true, bodyFailure);
            }
        }
        if (readFailure != null) {
            check = check.and("Failed to read HTTP response body: " + readFailure);
        }
        if (!module.validHttpVersions().isEmpty() && !module.validHttpVersions().contains(proto(result.httpVersion()))) {
            check = check.and("Invalid HTTP version number: " + proto(result.httpVersion()));
        }
        boolean overTls = result.tls() != null;
        if (overTls && module.failIfSsl()) {
            check = check.and("Final request was over SSL");
        } else if (!overTls && module.failIfNotSsl() && check.success()) {
            check = check.and("Final request was not over SSL");
        }
        return check;
    }

    /** Go's resp.Proto for what HeadProbe calls the version: Go writes HTTP/2 as "HTTP/2.0". */
    static String proto(String httpVersion) {
        return "HTTP/2".equals(httpVersion) ? "HTTP/2.0" : httpVersion;
    }

    private static String headerFailure(List<Header> headers, Module module) {
        for (Module.HeaderMatch match : module.failIfHeaderMatches()) {
            List<String> values = Header.all(headers, match.header());
            if (values.isEmpty()) {
                if (!match.allowMissing()) {
                    return "Missing required header " + match.header();
                }
                continue;
            }
            if (values.stream().anyMatch(value -> match.regexp().matcher(value).find())) {
                return "Header " + match.header() + " matched regular expression " + match.regexp();
            }
        }
        for (Module.HeaderMatch match : module.failIfHeaderNotMatches()) {
            List<String> values = Header.all(headers, match.header());
            if (values.isEmpty()) {
                if (!match.allowMissing()) {
                    return "Missing required header " + match.header();
                }
                continue;
            }
            if (values.stream().noneMatch(value -> match.regexp().matcher(value).find())) {
                return "Header " + match.header() + " did not match regular expression " + match.regexp();
            }
        }
        return null;
    }

    /**
     * Why reading the body failed as blackbox's read would: beyond body_size_limit, cut short
     * (closed, broken or out of time), not decodable in its coding, or not in the module's
     * compression. Null when it was read, or only HeadProbe's own cap stopped it (see docs/prometheus.md).
     */
    static String readFailure(ProbeResult result, Read read, Module.HttpExtras extras) {
        if (read == null || result.body() == null) {
            return null;
        }
        var facts = result.body();
        String compression = extras.compression();
        if (!compression.isEmpty() && !compression.equals("identity") && !compression.equals(coding(result))) {
            return compression + ": the body is not in that coding";
        }
        if (facts.error() != null) {
            return facts.error();
        }
        if (!facts.truncated()) {
            return null;
        }
        boolean atCap = facts.bytes() >= read.cap() || facts.wireBytes() >= read.cap();
        if (!atCap) {
            return "unexpected EOF (the body ended before its length, or the time ran out)";
        }
        return extras.bodySizeLimit() > 0 && extras.bodySizeLimit() <= read.cap() ? "http: request body too large"
                : null;
    }

    /** The coding the body was decoded from, x-gzip as gzip; null for identity or no body. */
    private static String coding(ProbeResult result) {
        String coding = result.body() == null ? null : result.body().encoding();
        return "x-gzip".equals(coding) ? "gzip" : coding;
    }

    private static String bodyFailure(String body, Module.HttpExtras extras) {
        for (Pattern regexp : extras.failIfBodyMatches()) {
            if (regexp.matcher(body).find()) {
                return "Body matched regular expression " + regexp;
            }
        }
        for (Pattern regexp : extras.failIfBodyNotMatches()) {
            if (!regexp.matcher(body).find()) {
                return "Body did not match regular expression " + regexp;
            }
        }
        return null;
    }

    private static ModuleCheck failed(boolean dueToRegex, String reason) {
        return new ModuleCheck(false, dueToRegex, reason);
    }

    /** A later failure: the first reason is kept, the regex flag too. */
    private ModuleCheck and(String reason) {
        return new ModuleCheck(false, failedDueToRegex, this.reason == null ? reason : this.reason);
    }
}
