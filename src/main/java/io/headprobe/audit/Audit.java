package io.headprobe.audit;

import java.util.List;

/** A security-header grade in the manner of MDN HTTP Observatory. */
public record Audit(int score, String grade, List<Finding> findings) {

    /**
     * The outcome of one test: {@code test} is HeadProbe's short name of the test, {@code result}
     * Observatory's result identifier (e.g. {@code csp-implemented-with-unsafe-inline}),
     * {@code modifier} what Observatory's score table adds to or takes from the score for it.
     */
    public record Finding(String test, String result, boolean pass, int modifier, String detail) {
    }
}
