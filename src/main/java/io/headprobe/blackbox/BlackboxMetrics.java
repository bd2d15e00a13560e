package io.headprobe.blackbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.headprobe.audit.Audit;
import io.headprobe.http.Header;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.TlsInfo;

/**
 * The metrics blackbox_exporter's http prober answers for one probe, from a HeadProbe result:
 * the same names, HELP texts, labels and meanings (prober/http.go, prober/utils.go,
 * prober/tls.go, prober/handler.go), so dashboards and alerts written for blackbox work unchanged.
 * Where HeadProbe knows less (it never reads the body) or more (TLS facts of a chain that failed
 * verification, the security-header audit), the differences are listed in docs/prometheus/README.md.
 */
public final class BlackboxMetrics {

    /** Go's zero time.Time as Unix seconds: what blackbox reports as the last chain expiry when no chain was verified. */
    static final double GO_ZERO_TIME = -62135596800d;

    private BlackboxMetrics() {
    }

    public static List<Metric> of(ProbeResult result, Module module, double probeDurationSeconds) {
        return of(result, null, module, probeDurationSeconds);
    }

    /** @param read the body as read, null when none was */
    public static List<Metric> of(ProbeResult result, ModuleCheck.Read read, Module module, double probeDurationSeconds) {
        ModuleCheck check = ModuleCheck.of(result, read, module);
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("probe_success", "Displays whether or not the probe was a success", check.success() ? 1 : 0));
        metrics.add(Metric.gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds",
                probeDurationSeconds));
        boolean unparsable = result.redirects().isEmpty() && result.error() != null
                && result.error().code() == ErrorCode.INVALID_TARGET;
        if (!unparsable) {
            // blackbox resolves before anything else and writes these even when resolution failed;
            // with skip_resolve_phase_with_proxy it resolves nothing and writes none of them.
            if (module.extras().resolvesTarget()) {
                metrics.addAll(addressMetrics(result, module));
            }
            metrics.add(phases(result, !module.extras().resolvesTarget()));
        }
        metrics.addAll(responseMetrics(result, module, check));
        if (result.tls() != null && result.tls().certificates() != null && !result.tls().certificates().isEmpty()) {
            metrics.addAll(tlsMetrics(result.tls()));
        }
        if (result.audit() != null) {
            metrics.addAll(auditMetrics(result.audit()));
        }
        if (result.tlsScan() != null) {
            metrics.addAll(TlsScanMetrics.of(result.tlsScan()));
        }
        return List.copyOf(metrics);
    }

    private static List<Metric> addressMetrics(ProbeResult result, Module module) {
        ProbeResult.Timings firstHop = result.redirects().isEmpty() ? result.timings() : result.redirects().get(0).timings();
        String address = firstAddress(result, module);
        return List.of(
                Metric.gauge("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds",
                        seconds(firstHop == null ? null : firstHop.dnsMs())),
                Metric.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6",
                        IpAddressHash.family(address)),
                Metric.gauge("probe_ip_addr_hash",
                        "Specifies the hash of IP address. It's useful to detect if the IP address changes.",
                        IpAddressHash.of(address)));
    }

    /**
     * The address blackbox would have chosen for the first host: the one HeadProbe connected to
     * when it did; otherwise, from what the name resolved to, the first of the module's preferred
     * family, or with ip_protocol_fallback the first of any. None when the guard refused them.
     */
    static String firstAddress(ProbeResult result, Module module) {
        if (!result.redirects().isEmpty()) {
            return result.redirects().get(0).remoteAddress();
        }
        if (result.remoteAddress() != null) {
            return result.remoteAddress();
        }
        if (result.addresses() == null || result.addresses().isEmpty()
                || result.error() != null && result.error().code() == ErrorCode.BLOCKED_ADDRESS) {
            return null;
        }
        int preferred = "ip4".equals(module.preferredIpProtocol()) ? 4 : 6;
        return result.addresses().stream().filter(a -> IpAddressHash.family(a) == preferred).findFirst()
                .orElse(module.ipProtocolFallback() ? result.addresses().get(0) : null);
    }

    /**
     * Per phase, summed over every hop as blackbox does. connect is the TCP connect; processing is
     * request written to response head complete (blackbox: connection to first byte); transfer is
     * the final response's body, head complete to body read (0 when no body was read). A hop that failed keeps no phase timings in
     * HeadProbe's result, so its phases count 0. Without a resolved first host only resolve exists
     * (unless a proxy resolves it: skip_resolve_phase_with_proxy),
     * as in blackbox.
     */
    private static Metric phases(ProbeResult result, boolean unresolved) {
        List<ProbeResult.Timings> hops = Stream.concat(result.redirects().stream().map(ProbeResult.Redirect::timings),
                Stream.of(result.timings())).filter(Objects::nonNull).toList();
        double resolve = hops.stream().mapToDouble(t -> seconds(t.dnsMs())).sum();
        List<Metric.Sample> samples = new ArrayList<>();
        samples.add(new Metric.Sample(Map.of("phase", "resolve"), resolve));
        if (unresolved || firstHostResolved(result)) {
            samples.add(new Metric.Sample(Map.of("phase", "connect"), hops.stream().mapToDouble(t -> seconds(t.connectMs())).sum()));
            samples.add(new Metric.Sample(Map.of("phase", "tls"), hops.stream().mapToDouble(t -> seconds(t.tlsMs())).sum()));
            samples.add(new Metric.Sample(Map.of("phase", "processing"),
                    hops.stream().mapToDouble(t -> seconds(t.headersMs())).sum()));
            samples.add(new Metric.Sample(Map.of("phase", "transfer"),
                    hops.stream().mapToDouble(t -> seconds(t.transferMs())).sum()));
        }
        return new Metric("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects",
                samples);
    }

    private static boolean firstHostResolved(ProbeResult result) {
        if (result.ok() || !result.redirects().isEmpty()) {
            return true;
        }
        ErrorCode code = result.error() == null ? null : result.error().code();
        return code != ErrorCode.DNS_FAILURE && code != ErrorCode.DNS_NXDOMAIN && code != ErrorCode.BLOCKED_ADDRESS
                && result.addresses() != null
                && !result.addresses().isEmpty();
    }

    private static List<Metric> responseMetrics(ProbeResult result, Module module, ModuleCheck check) {
        boolean answered = result.ok() && result.status() != null;
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("probe_http_status_code", "Response HTTP status code", answered ? result.status() : 0));
        metrics.add(Metric.gauge("probe_http_version", "Returns the version of HTTP of the probe response",
                answered ? httpVersion(result.httpVersion()) : 0));
        metrics.add(Metric.gauge("probe_http_redirects", "The number of redirects", redirects(result, module)));
        metrics.add(Metric.gauge("probe_http_ssl", "Indicates if SSL was used for the final redirect",
                answered && result.tls() != null ? 1 : 0));
        metrics.add(Metric.gauge("probe_http_content_length", "Length of http content response",
                answered ? contentLength(result, module) : 0));
        metrics.add(Metric.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body",
                answered && result.body() != null ? result.body().bytes() : 0));
        metrics.add(Metric.gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex",
                check.failedDueToRegex() ? 1 : 0));
        if (answered) {
            OptionalLong lastModified = HttpDate.parse(Header.first(result.headers(), "Last-Modified"));
            if (lastModified.isPresent()) {
                metrics.add(Metric.gauge("probe_http_last_modified_timestamp_seconds",
                        "Returns the Last-Modified HTTP response header in unixtime", lastModified.getAsLong()));
            }
        }
        return metrics;
    }

    /** Go's resp.Proto as a number: "HTTP/1.1" is 1.1, "HTTP/2.0" is 2. */
    static double httpVersion(String httpVersion) {
        if (httpVersion == null || !httpVersion.startsWith("HTTP/")) {
            return 0;
        }
        try {
            return Double.parseDouble(httpVersion.substring(5));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Redirects followed. With follow_redirects off, Go's client still counts the redirect it
     * declined (blackbox shows 1 for a 301 it did not follow), provided it was one Go would follow:
     * 301, 302, 303, 307 or 308 with a Location.
     */
    static int redirects(ProbeResult result, Module module) {
        int followed = result.redirects().size();
        if (!module.followRedirects() && result.ok() && result.status() != null
                && List.of(301, 302, 303, 307, 308).contains(result.status())
                && Header.first(result.headers(), "Location") != null) {
            return followed + 1;
        }
        return followed;
    }

    /**
     * Go's resp.ContentLength: the header for a HEAD request (-1 without it), 0 for 1xx, 204 and
     * 304, -1 for a chunked body or one Go's client decoded (it asked for gzip itself, the module
     * naming no Accept-Encoding nor compression), else the header, else -1 (read until the
     * connection closes).
     */
    static double contentLength(ProbeResult result, Module module) {
        long header = parseLength(Header.all(result.headers(), "Content-Length"));
        if ("HEAD".equalsIgnoreCase(module.method())) {
            return header;
        }
        if (module.extras().compression().isEmpty() && Header.first(module.requestHeaders(), "Accept-Encoding") == null
                && "gzip".equalsIgnoreCase(String.valueOf(Header.first(result.headers(), "Content-Encoding")).strip())) {
            return -1;
        }
        int status = result.status();
        if (status / 100 == 1 || status == 204 || status == 304) {
            return 0;
        }
        String transferEncoding = Header.first(result.headers(), "Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return -1;
        }
        return header;
    }

    /** One value, or several that agree (Go drops the duplicates); -1 otherwise. */
    private static long parseLength(List<String> values) {
        if (values.isEmpty() || values.stream().map(String::trim).distinct().count() != 1) {
            return -1;
        }
        String value = values.get(0).trim();
        if (!value.matches("\\d{1,18}")) {
            return -1;
        }
        return Long.parseLong(value);
    }

    /**
     * blackbox writes these only when the final response came over TLS. HeadProbe also has them when
     * the chain failed verification (the handshake got as far as the certificates), and writes them
     * then too: an expired or untrusted certificate is exactly when its expiry and issuer matter
     * (blackbox issue #1119). probe_success is 0 in that case anyway.
     */
    static List<Metric> tlsMetrics(TlsInfo tls) {
        double earliest = tls.certificates().stream().map(TlsInfo.Certificate::notAfter).filter(Objects::nonNull)
                .mapToDouble(BlackboxMetrics::epochSeconds).min().orElse(GO_ZERO_TIME);
        TlsInfo.Certificate leaf = tls.certificates().get(0);
        Map<String, String> leafLabels = new LinkedHashMap<>();
        leafLabels.put("fingerprint_sha256", leaf.sha256() == null ? "" : leaf.sha256());
        leafLabels.put("subject", GoDistinguishedName.of(leaf.subject()));
        leafLabels.put("issuer", GoDistinguishedName.of(leaf.issuer()));
        leafLabels.put("subjectalternative", TlsLabels.dnsNames(leaf.sans()));
        leafLabels.put("serialnumber", TlsLabels.serial(leaf.serial()));
        return List.of(
                Metric.gauge("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime", earliest),
                // HeadProbe has the presented chain, not the path the verifier built to a trust anchor:
                // with a verified chain its earliest expiry stands in for blackbox's; without one,
                // blackbox's value for "no verified chain" (as with insecure_skip_verify).
                Metric.gauge("probe_ssl_last_chain_expiry_timestamp_seconds", "Returns last SSL chain expiry in timestamp",
                        tls.verified() ? earliest : GO_ZERO_TIME),
                Metric.gauge("probe_ssl_last_chain_info", "Contains SSL leaf certificate information", leafLabels, 1),
                Metric.gauge("probe_tls_version_info", "Returns the TLS version used or NaN when unknown",
                        Map.of("version", TlsLabels.version(tls.protocol())), 1),
                Metric.gauge("probe_tls_cipher_info", "Returns the TLS cipher negotiated during handshake",
                        Map.of("cipher", TlsLabels.cipher(tls.cipher())), 1));
    }

    private static List<Metric> auditMetrics(Audit audit) {
        List<Metric.Sample> tests = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Audit.Finding finding : audit.findings()) {
            // One series per test: a second finding for the same test would be a duplicate series.
            if (seen.putIfAbsent(finding.test(), finding.pass()) == null) {
                tests.add(new Metric.Sample(Map.of("test", finding.test(), "result", String.valueOf(finding.result())),
                        finding.pass() ? 1 : 0));
            }
        }
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.gauge("headprobe_audit_score",
                "Security-header score of the final response, as MDN HTTP Observatory scores it (100 and more is A+)",
                audit.score()));
        metrics.add(Metric.gauge("headprobe_audit_grade_info", "Security-header grade of the final response (A+ to F)",
                Map.of("grade", audit.grade()), 1));
        if (!tests.isEmpty()) {
            metrics.add(new Metric("headprobe_audit_test_pass",
                    "Whether one security-header test passed (1) or not (0); result is Observatory's result name", tests));
        }
        return metrics;
    }

    private static double seconds(Double ms) {
        return ms == null ? 0 : ms / 1000;
    }

    private static double epochSeconds(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }
}
