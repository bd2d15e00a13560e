package io.headprobe.blackbox.tcp;

import java.util.Map;

import io.headprobe.probe.TlsInfo;

/**
 * What one tcp probe found, for blackbox's metrics.
 *
 * @param dnsSeconds the time resolving took; null when the target was not a host:port at all
 * @param address the address chosen to connect to; null when there was none (or the guard refused it)
 * @param expectInfo probe_expect_info's labels; null when no step with labels matched
 * @param tls what the last TLS handshake showed; null without one
 * @param log what happened, for debug=true
 */
public record TcpResult(boolean success, Double dnsSeconds, String address, boolean failedDueToRegex,
        boolean failedDueToBytes, Map<String, String> expectInfo, TlsInfo tls, String log) {

    static TcpResult failed(Double dnsSeconds, String address, String log) {
        return new TcpResult(false, dnsSeconds, address, false, false, null, null, log);
    }
}
