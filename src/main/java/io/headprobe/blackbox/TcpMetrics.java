package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.List;

import io.headprobe.blackbox.tcp.TcpModule;
import io.headprobe.blackbox.tcp.TcpResult;

/**
 * The metrics blackbox_exporter's tcp prober answers (prober/tcp.go, prober/utils.go): the
 * address chosen, the regexp (and bytes) verdicts, probe_expect_info and, after a TLS handshake,
 * the TLS metrics as the http prober writes them.
 */
final class TcpMetrics {

    private TcpMetrics() {
    }

    static List<Metric> of(TcpResult result, TcpModule module, double probeDurationSeconds) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("probe_success", "Displays whether or not the probe was a success", result.success() ? 1 : 0));
        metrics.add(Metric.gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds",
                probeDurationSeconds));
        if (result.dnsSeconds() != null) {
            // blackbox writes these once the target split into host and port, even when resolving failed.
            metrics.addAll(addressMetrics(result.dnsSeconds(), result.address()));
        }
        metrics.add(Metric.gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex",
                result.failedDueToRegex() ? 1 : 0));
        if (module.expectsBytes()) {
            metrics.add(Metric.gauge("probe_failed_due_to_bytes", "Indicates if probe failed due to bytes",
                    result.failedDueToBytes() ? 1 : 0));
        }
        if (result.expectInfo() != null) {
            metrics.add(Metric.gauge("probe_expect_info", "Explicit content matched", result.expectInfo(), 1));
        }
        if (result.tls() != null && !result.tls().certificates().isEmpty()) {
            metrics.addAll(BlackboxMetrics.tlsMetrics(result.tls()));
        }
        return List.copyOf(metrics);
    }

    /** blackbox's chooseProtocol metrics (prober/utils.go): the lookup's time and the address chosen, if any. */
    static List<Metric> addressMetrics(double dnsSeconds, String address) {
        return List.of(
                Metric.gauge("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds", dnsSeconds),
                Metric.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6", IpAddressHash.family(address)),
                Metric.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.",
                        IpAddressHash.of(address)));
    }
}
