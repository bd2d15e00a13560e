package io.headprobe.blackbox;

import java.util.List;

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
 * <li>valid_http_versions ("HTTP/1.0", "HTTP/1.1", "HTTP/2.0"), whatever came before;</li>
 * <li>fail_if_ssl when the final response came over TLS; fail_if_not_ssl when it did not and
 * nothing else failed yet.</li>
 * </ol>
 * Body regexes and CEL need the body, which HeadProbe never reads; {@link Module} has no such keys.
 *
 * @param reason why it failed, worded like blackbox's log line; null on success
 */
public record ModuleCheck(boolean success, boolean failedDueToRegex, String reason) {

    private static final ModuleCheck PASSED = new ModuleCheck(true, false, null);

    public static ModuleCheck of(ProbeResult result, Module module) {
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

    private static ModuleCheck failed(boolean dueToRegex, String reason) {
        return new ModuleCheck(false, dueToRegex, reason);
    }

    /** A later failure: the first reason is kept, the regex flag too. */
    private ModuleCheck and(String reason) {
        return new ModuleCheck(false, failedDueToRegex, this.reason == null ? reason : this.reason);
    }
}
