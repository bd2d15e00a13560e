package io.headprobe.probe;

import java.util.List;

import io.headprobe.audit.Audit;
import io.headprobe.body.BodyFacts;
import io.headprobe.http.Header;
import io.headprobe.tls.model.TlsScan;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What HeadProbe learnt about one target: always present, whether or not the target answered.
 * {@code timings}, {@code remoteAddress}, {@code addresses} and {@code tls} describe the last hop;
 * each redirect entry carries its own.
 */
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
        List<String> addresses,
        TlsInfo tls,
        Error error,
        BodyFacts body,
        Audit audit,
        TlsScan tlsScan) {

    /** A result without a TLS scan. */
    public ProbeResult(String target, String url, boolean ok, Integer status, String httpVersion, List<Header> headers,
            List<Redirect> redirects, Timings timings, String remoteAddress, List<String> addresses, TlsInfo tls,
            Error error, BodyFacts body, Audit audit) {
        this(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, addresses, tls, error, body,
                audit, null);
    }

    /** A result without a body read. */
    public ProbeResult(String target, String url, boolean ok, Integer status, String httpVersion, List<Header> headers,
            List<Redirect> redirects, Timings timings, String remoteAddress, List<String> addresses, TlsInfo tls,
            Error error, Audit audit) {
        this(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, addresses, tls, error, null,
                audit);
    }

    /** One hop that answered with a redirect, and how that hop went. */
    public record Redirect(String url, int status, String location, Timings timings, String remoteAddress, TlsInfo tls) {
    }

    /**
     * Milliseconds, at most 3 decimals, like curl's -w timings: name resolution, TCP connect, TLS
     * handshake (null on http), request written to response head complete, response head to the
     * body's last byte read (null unless the body was read); {@code totalMs} is the whole target,
     * every hop (null on a redirect entry).
     */
    public record Timings(Double totalMs, Double dnsMs, Double connectMs, Double tlsMs, Double headersMs,
            Double transferMs) {

        public Timings(Double totalMs, Double dnsMs, Double connectMs, Double tlsMs, Double headersMs) {
            this(totalMs, dnsMs, connectMs, tlsMs, headersMs, null);
        }

        public static double ms(long nanos) {
            return Math.round(nanos / 1e3) / 1e3;
        }

        /** Milliseconds since {@code startNanos} (a System.nanoTime()). */
        public static double msSince(long startNanos) {
            return ms(System.nanoTime() - startNanos);
        }

        static Timings total(double totalMs) {
            return new Timings(totalMs, null, null, null, null);
        }

        Timings withDnsMs(Double dns) {
            return new Timings(totalMs, dns, connectMs, tlsMs, headersMs, transferMs);
        }

        Timings withTransferMs(Double transfer) {
            return new Timings(totalMs, dnsMs, connectMs, tlsMs, headersMs, transfer);
        }

        Timings withTotalMs(double total) {
            return new Timings(total, dnsMs, connectMs, tlsMs, headersMs, transferMs);
        }
    }

    public record Error(ErrorCode code, String message) {
    }

    /** A target that was never fetched, for {@code error}'s reason. */
    public static ProbeResult notFetched(String target, Error error) {
        return new ProbeResult(target, null, false, null, null, List.of(), List.of(), null, null, List.of(), null, error,
                null);
    }

    /** The same result for another spelling of the same target. */
    public ProbeResult withTarget(String target) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, addresses,
                tls, error, body, audit, tlsScan);
    }

    public ProbeResult withAudit(Audit audit) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, addresses,
                tls, error, body, audit, tlsScan);
    }

    public ProbeResult withTlsScan(TlsScan tlsScan) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, addresses,
                tls, error, body, audit, tlsScan);
    }

    public ProbeResult withBody(BodyFacts body) {
        return new ProbeResult(target, url, ok, status, httpVersion, headers, redirects, timings, remoteAddress, addresses,
                tls, error, body, audit, tlsScan);
    }
}
