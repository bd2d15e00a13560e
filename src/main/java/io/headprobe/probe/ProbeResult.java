package io.headprobe.probe;

import java.util.List;

import io.headprobe.audit.Audit;
import io.headprobe.http.Header;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What HeadProbe learnt about one target: always present, whether or not the target answered. */
@RegisterForReflection
public record ProbeResult(
        String target,
        String url,
        boolean ok,
        Integer status,
        String httpVersion,
        List<Header> headers,
        List<Redirect> redirects,
        Timings timings,
        String remoteAddress,
        Error error,
        Audit audit) {

    public record Redirect(String url, int status, String location) {
    }

    public record Timings(double totalMs, Double headersMs) {

        /** Milliseconds since {@code startNanos} (a System.nanoTime()), to 0.01 ms. */
        public static double msSince(long startNanos) {
            return Math.round((System.nanoTime() - startNanos) / 1e4) / 100.0;
        }
    }

    public record Error(ErrorCode code, String message) {
    }

    /** The same result for another spelling of the same target. */
    public ProbeResult withTarget(String target) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, error, audit);
    }

    public ProbeResult withAudit(Audit audit) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, error, audit);
    }
}
