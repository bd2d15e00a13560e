package io.headprobe.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What GET /scans/{id} says about a scan: its state, its counts and how fast it goes. */
@RegisterForReflection
public record Scan(String id, String name, ScanState state, long total, long done, long ok, long failed,
        Map<String, Long> byStatus, Map<String, Long> byError, Map<String, Long> byGrade, Instant createdAt,
        Instant startedAt, Instant finishedAt, Double targetsPerSecond, Long etaSeconds) {

    /** The counts a store keeps, with the rate and ETA worked out from them. */
    static Scan of(String id, String name, ScanState state, long total, long done, long ok, long failed,
            Map<String, Long> byStatus, Map<String, Long> byError, Map<String, Long> byGrade, Instant createdAt,
            Instant startedAt, Instant finishedAt) {
        Double rate = null;
        Long eta = null;
        if (startedAt != null && done > 0) {
            Instant end = finishedAt != null ? finishedAt : Instant.now();
            double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
            rate = Math.round(done / seconds * 10) / 10.0;
            eta = state.open() ? Math.round((total - done) / (done / seconds)) : null;
        }
        return new Scan(id, name, state, total, done, ok, failed, byStatus, byError, byGrade, createdAt, startedAt,
                finishedAt, rate, eta);
    }
}
