package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.headprobe.blackbox.grpc.GrpcResult;

/**
 * The metrics blackbox_exporter's grpc prober answers (prober/grpc.go, 0.28): the phases, the
 * status code and whether TLS was used, always; the address chosen once the host was resolved;
 * one healthcheck_response series per serving status once the call was made; and, for a call
 * that answered over TLS, the TLS metrics grpc.go registers then (not the chain expiry nor the
 * cipher, which only the http and tcp probers write).
 */
final class GrpcMetrics {

    /** grpc_health_v1.HealthCheckResponse_ServingStatus_value's names. */
    private static final List<String> SERVING_STATUSES = List.of("UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN");
    private static final Set<String> TLS_METRICS = Set.of("probe_ssl_earliest_cert_expiry", "probe_tls_version_info",
            "probe_ssl_last_chain_info");

    private GrpcMetrics() {
    }

    static List<Metric> of(GrpcResult result, double probeDurationSeconds) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("probe_success", "Displays whether or not the probe was a success", result.success() ? 1 : 0));
        metrics.add(Metric.gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds",
                probeDurationSeconds));
        if (result.dnsSeconds() != null) {
            metrics.addAll(TcpMetrics.addressMetrics(result.dnsSeconds(), result.address()));
        }
        List<Metric.Sample> phases = new ArrayList<>();
        phases.add(new Metric.Sample(Map.of("phase", "resolve"), result.address() == null ? 0 : result.dnsSeconds()));
        if (result.checkSeconds() != null) {
            phases.add(new Metric.Sample(Map.of("phase", "check"), result.checkSeconds()));
        }
        metrics.add(new Metric("probe_grpc_duration_seconds", "Duration of gRPC request by phase", phases));
        metrics.add(Metric.gauge("probe_grpc_ssl", "Indicates if SSL was used for the connection", result.tls() != null ? 1 : 0));
        metrics.add(Metric.gauge("probe_grpc_status_code", "Response gRPC status code", result.statusCode()));
        if (result.checkSeconds() != null) {
            Map<String, Double> serving = new LinkedHashMap<>();
            SERVING_STATUSES.forEach(status -> serving.put(status, 0.0));
            if (result.servingStatus() != null) {
                serving.put(result.servingStatus(), 1.0);
            }
            metrics.add(new Metric("probe_grpc_healthcheck_response", "Response HealthCheck response", serving.entrySet().stream()
                    .map(e -> new Metric.Sample(Map.of("serving_status", e.getKey()), e.getValue())).toList()));
        }
        if (result.tls() != null && !result.tls().certificates().isEmpty()) {
            BlackboxMetrics.tlsMetrics(result.tls()).stream().filter(m -> TLS_METRICS.contains(m.name())).forEach(metrics::add);
        }
        return List.copyOf(metrics);
    }
}
