package io.headprobe.audit;

import java.util.List;

/**
 * Observatory's onlyIfWorse (src/analyzer/utils.js): the worst result a test has found so far, in
 * the test's own order of badness (which is not the order of the score table's penalties), and
 * why; the first problem to reach a result names it.
 */
final class Worst {

    private final List<String> badness;
    private String result;
    private String detail;

    /** @param badness the test's results, best first */
    Worst(List<String> badness) {
        this.badness = badness;
    }

    /** Keeps {@code candidate} if nothing was found yet or it comes later in the order. */
    void note(String candidate, String why) {
        if (result == null || badness.indexOf(candidate) > badness.indexOf(result)) {
            result = candidate;
            detail = why;
        }
    }

    /** The worst result, or null when none was noted. */
    String result() {
        return result;
    }

    String detail() {
        return detail;
    }
}
