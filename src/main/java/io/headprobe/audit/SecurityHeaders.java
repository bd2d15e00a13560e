package io.headprobe.audit;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.http.Header;

/**
 * Grades response headers the way MDN HTTP Observatory (algorithm version 6) does: each test is
 * one class that names Observatory's result, Observatory's score table gives the modifier, the
 * score starts at 100 and bonuses count only when the penalties alone leave at least 90. A test
 * whose input is missing gives no finding: subresource integrity without the page's body,
 * redirection without the route from http.
 */
public final class SecurityHeaders {

    private static final int MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

    /** The tests, in the order their findings are listed (Observatory's order). */
    private static final List<Function<AuditedResponse, Finding>> TESTS = List.of(
            ContentSecurityPolicy::check,
            Cookies::check,
            CrossOriginEmbedderPolicy::check,
            CrossOriginOpenerPolicy::check,
            Cors::check,
            Redirection::check,
            ReferrerPolicy::check,
            StrictTransportSecurity::check,
            SubresourceIntegrity::check,
            XContentTypeOptions::check,
            XFrameOptions::check,
            CrossOriginResourcePolicy::check);

    private SecurityHeaders() {
    }

    public static Audit audit(String url, List<Header> headers) {
        return audit(new AuditedResponse(url, headers));
    }

    public static Audit audit(AuditedResponse response) {
        // A test that cannot be graded from what we have (redirection without an http hop) gives no finding.
        List<Finding> findings = TESTS.stream().map(test -> test.apply(response)).filter(Objects::nonNull).toList();
        int penalties = findings.stream().mapToInt(Finding::modifier).filter(m -> m < 0).sum();
        int bonuses = findings.stream().mapToInt(Finding::modifier).filter(m -> m > 0).sum();
        int score = 100 + penalties;
        if (score >= MINIMUM_SCORE_FOR_EXTRA_CREDIT) {
            score += bonuses;
        }
        score = Math.max(0, score);
        return new Audit(score, Grade.of(score), findings);
    }
}
