package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.headprobe.blackbox.dns.DnsResult;

/**
 * The metrics blackbox_exporter's dns prober answers (prober/dns.go, and chooseProtocol's in
 * prober/utils.go, written whatever the target).
 */
final class DnsMetrics {

    private DnsMetrics() {
    }

    static List<Metric> of(DnsResult result, double probeDurationSeconds) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("probe_success", "Displays whether or not the probe was a success", result.success() ? 1 : 0));
        metrics.add(Metric.gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds",
                probeDurationSeconds));
        metrics.addAll(TcpMetrics.addressMetrics(result.dnsSeconds(), result.address()));
        metrics.add(new Metric("probe_dns_duration_seconds", "Duration of DNS request by phase", List.of(
                new Metric.Sample(Map.of("phase", "connect"), result.connectSeconds()),
                new Metric.Sample(Map.of("phase", "request"), result.requestSeconds()),
                new Metric.Sample(Map.of("phase", "resolve"), result.resolveSeconds()))));
        metrics.add(Metric.gauge("probe_dns_answer_rrs", "Returns number of entries in the answer resource record list",
                result.answerRrs()));
        metrics.add(Metric.gauge("probe_dns_authority_rrs", "Returns number of entries in the authority resource record list",
                result.authorityRrs()));
        metrics.add(Metric.gauge("probe_dns_additional_rrs", "Returns number of entries in the additional resource record list",
                result.additionalRrs()));
        metrics.add(Metric.gauge("probe_dns_query_succeeded", "Displays whether or not the query was executed successfully",
                result.querySucceeded() ? 1 : 0));
        if (result.serial() != null) {
            metrics.add(Metric.gauge("probe_dns_serial", "Returns the serial number of the zone", result.serial()));
        }
        return List.copyOf(metrics);
    }
}
