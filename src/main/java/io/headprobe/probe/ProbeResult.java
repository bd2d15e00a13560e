package io.headprobe.probe;

import java.util.List;

import io.headprobe.audit.Audit;
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

    public record Header(String name, String value) {
    }

    public record Redirect(String url, int status, String location) {
    }

    public record Timings(double totalMs, Double headersMs) {
    }

    public record Error(ErrorCode code, String message) {
    }

    public ProbeResult withAudit(Audit audit) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, error, audit);
    }
}
