package io.headprobe.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of GET /scans/{id}/diff: a target whose result differs between the base scan (before) and this one (after). */
@RegisterForReflection
public record ResultChange(String target, ResultSummary before, ResultSummary after, List<String> changed) {

    static final List<String> CSV_COLUMNS = List.of("target", "beforeStatus", "beforeError", "beforeGrade",
            "beforeTlsDaysLeftBucket", "afterStatus", "afterError", "afterGrade", "afterTlsDaysLeftBucket", "changed");

    /** The fields that differ, by their JSON names; empty when nothing does. */
    static ResultChange of(String target, ResultSummary before, ResultSummary after) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.status(), after.status())) {
            changed.add("status");
        }
        if (!Objects.equals(before.error(), after.error())) {
            changed.add("error");
        }
        if (!Objects.equals(before.grade(), after.grade())) {
            changed.add("grade");
        }
        if (!Objects.equals(before.tlsDaysLeftBucket(), after.tlsDaysLeftBucket())) {
            changed.add("tlsDaysLeftBucket");
        }
        return new ResultChange(target, before, after, List.copyOf(changed));
    }

    /** The values of CSV_COLUMNS; the changed fields separated by spaces. */
    List<Object> csvFields() {
        return Arrays.asList(target, before.status(), before.error(), before.grade(), before.tlsDaysLeftBucket(),
                after.status(), after.error(), after.grade(), after.tlsDaysLeftBucket(), String.join(" ", changed));
    }
}
