package io.headprobe.probe;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of POST /probe: one result per target, in the order of the targets, and a summary. */
@RegisterForReflection
public record ProbeReport(List<ProbeResult> results, Summary summary) {

    /** Counts by outcome: ok or failed, by status class (2xx...) and by error code. */
    public record Summary(int total, int ok, int failed, Map<String, Integer> byStatus, Map<ErrorCode, Integer> byError,
            double totalMs) {
    }

    static ProbeReport of(List<ProbeResult> results, double totalMs) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<ErrorCode, Integer> byError = new EnumMap<>(ErrorCode.class);
        for (ProbeResult result : results) {
            if (result.ok()) {
                byStatus.merge(result.status() / 100 + "xx", 1, Integer::sum);
            } else {
                byError.merge(result.error().code(), 1, Integer::sum);
            }
        }
        int ok = (int) results.stream().filter(ProbeResult::ok).count();
        return new ProbeReport(results, new Summary(results.size(), ok, results.size() - ok, byStatus, byError, totalMs));
    }
}
