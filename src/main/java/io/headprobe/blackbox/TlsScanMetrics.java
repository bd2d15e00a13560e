package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.headprobe.tls.CipherSuites;
import io.headprobe.tls.model.TlsScan;

/**
 * The metrics of a TLS scan a module asks for ({@code headprobe_tls_scan: true} under {@code http:}).
 * Every version and weak class has its series, 0 included, so that an alert on "TLS 1.0 accepted"
 * or "3DES accepted" has a value to compare and never goes absent.
 */
final class TlsScanMetrics {

    /** The versions a scan tries, oldest first, as TlsScan names them. */
    static final List<String> VERSIONS = List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsScanMetrics() {
    }

    static List<Metric> of(TlsScan scan) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("headprobe_tls_scan_complete",
                "Whether the TLS scan finished (1) or stopped at its deadline or an error with what it knew (0)",
                scan.complete() ? 1 : 0));
        if (scan.rating() != null) {
            metrics.add(Metric.gauge("headprobe_tls_grade_info",
                    "TLS grade of the server in the manner of SSL Labs (A+ to F, T for a trust failure, M for a name mismatch)",
                    Map.of("grade", scan.rating().grade()), 1));
        }
        metrics.add(new Metric("headprobe_tls_protocol_accepted", "Whether the server accepted this protocol version",
                VERSIONS.stream().map(version -> new Metric.Sample(Map.of("version", version),
                        scan.protocols().contains(version) ? 1 : 0)).toList()));
        metrics.add(new Metric("headprobe_tls_weak_suites",
                "Cipher suites the server accepted in this weak class, counted once across versions",
                CipherSuites.WEAK_CLASSES.stream().map(weak -> new Metric.Sample(Map.of("class", weak),
                        suitesIn(scan, weak))).toList()));
        return metrics;
    }

    private static int suitesIn(TlsScan scan, String weak) {
        Set<Integer> codes = scan.suites().stream()
                .flatMap(protocol -> protocol.suites().stream())
                .filter(suite -> suite.weak().contains(weak))
                .map(TlsScan.Suite::code)
                .collect(Collectors.toSet());
        return codes.size();
    }
}
