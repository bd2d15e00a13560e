package io.headprobe.audit;

import java.util.Map;

import io.headprobe.audit.Audit.Finding;

/**
 * A header whose value is a single structured-field token naming a policy, graded as Observatory
 * grades COOP and COEP: absent passes, a known policy passes, anything else is invalid. A header sent
 * twice arrives joined with ", ", which is no structured field item, so it is invalid as well.
 *
 * @param policies each known policy token, case-sensitive, with its outcome
 */
record TokenPolicyHeader(String test, String name, String notImplemented, String invalid,
        Map<String, Outcome> policies) {

    /** Observatory's result id for a policy and a one-line description of it. */
    record Outcome(String result, String detail) {
    }

    Finding check(AuditedResponse response) {
        String value = response.header(name);
        // Observatory tests the value for truthiness before trimming: empty is absent, blank invalid.
        if (value == null || value.isEmpty()) {
            return ScoreTable.finding(test, notImplemented, true, name + " header not implemented");
        }
        String policy = StructuredFieldToken.parse(JsString.trim(JsString.slice(value, 1024)));
        Outcome outcome = policy == null ? null : policies.get(policy);
        if (outcome == null) {
            return ScoreTable.finding(test, invalid, false, name + " header is not one known policy token");
        }
        return ScoreTable.finding(test, outcome.result(), true, outcome.detail());
    }
}
