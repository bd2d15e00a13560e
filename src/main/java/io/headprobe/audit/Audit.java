package io.headprobe.audit;

import java.util.List;

/** A security-header grade in the manner of MDN HTTP Observatory. */
public record Audit(int score, String grade, List<Finding> findings) {

    /** The outcome of one test; {@code modifier} is what it adds to or takes from the score. */
    public record Finding(String test, boolean pass, int modifier, String detail) {
    }
}
