package io.headprobe.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.headprobe.probe.ProbeCsv;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of GET /scans/{id}/diff: a target whose result differs between the base scan (before) and this one (after). */
@RegisterForReflection
public record ResultChange(String target, ResultSummary before, ResultSummary after, List<String> changed) {

    static final List<String> CSV_COLUMNS = List.of("target", "beforeStatus", "beforeError", "beforeGrade",
            "beforeTlsDaysLeftBucket", "beforeTitle", "beforeBodySha256", "afterStatus", "afterError", "afterGrade",
            "afterTlsDaysLeftBucket", "afterTitle", "afterBodySha256", "changed", "beforeTlsGrade", "afterTlsGrade",
            "beforeTlsProtocols", "afterTlsProtocols", "beforeTlsWeak", "afterTlsWeak");

    /**
     * The fields that differ, by their JSON names; empty when nothing does. The title and the body
     * hash are compared only when both results read the body: a scan without the body option says
     * nothing about the page, and a failed fetch (no body either) already shows as status or error.
     * The TLS scan's grade, protocols (one that appeared or went) and weak suite classes are compared
     * likewise only when both results have a TLS scan.
     */
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
        if (before.readBody() && after.readBody()) {
            if (!Objects.equals(before.title(), after.title())) {
                changed.add("title");
            }
            if (!before.bodySha256().equals(after.bodySha256())) {
                changed.add("bodySha256");
            }
        }
        if (before.scannedTls() && after.scannedTls()) {
            if (!Objects.equals(before.tlsGrade(), after.tlsGrade())) {
                changed.add("tlsGrade");
            }
            if (!before.tlsProtocols().equals(after.tlsProtocols())) {
                changed.add("tlsProtocols");
            }
            if (!Objects.equals(before.tlsWeak(), after.tlsWeak())) {
                changed.add("tlsWeak");
            }
        }
        return new ResultChange(target, before, after, List.copyOf(changed));
    }

    /** The values of CSV_COLUMNS; the changed fields separated by spaces. */
    List<Object> csvFields() {
        return Arrays.asList(target, before.status(), before.error(), before.grade(), before.tlsDaysLeftBucket(),
                before.title(), before.bodySha256(), after.status(), after.error(), after.grade(), after.tlsDaysLeftBucket(),
                after.title(), after.bodySha256(), String.join(" ", changed), before.tlsGrade(), after.tlsGrade(),
                ProbeCsv.list(before.tlsProtocols()), ProbeCsv.list(after.tlsProtocols()), ProbeCsv.list(before.tlsWeak()),
                ProbeCsv.list(after.tlsWeak()));
    }
}
