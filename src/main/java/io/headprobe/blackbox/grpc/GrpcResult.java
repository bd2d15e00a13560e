package io.headprobe.blackbox.grpc;

import io.headprobe.probe.TlsInfo;

/**
 * What one grpc probe found, for blackbox's metrics.
 *
 * @param dnsSeconds the time resolving took; null when the target had no host to resolve
 * @param address the address chosen to connect to; null when there was none (or the guard refused it)
 * @param checkSeconds from the address chosen to the call's end; null when no call was made
 * @param statusCode the call's gRPC status code (0, OK, also when no call was made)
 * @param servingStatus the health check's answer ("SERVING", ...); null when the call failed
 * @param tls what the TLS handshake showed, when the call answered over TLS; else null
 * @param log what happened, for debug=true
 */
public record GrpcResult(Double dnsSeconds, String address, Double checkSeconds, int statusCode, String servingStatus,
        TlsInfo tls, String log) {

    /** blackbox's verdict: only SERVING is a success. */
    public boolean success() {
        return statusCode == 0 && "SERVING".equals(servingStatus);
    }

    static GrpcResult notCalled(Double dnsSeconds, String log) {
        return new GrpcResult(dnsSeconds, null, null, 0, null, null, log);
    }
}
