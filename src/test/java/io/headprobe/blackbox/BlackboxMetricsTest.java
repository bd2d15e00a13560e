package io.headprobe.blackbox;

import static io.headprobe.blackbox.TestResults.failed;
import static io.headprobe.blackbox.TestResults.hop;
import static io.headprobe.blackbox.TestResults.module;
import static io.headprobe.blackbox.TestResults.ok;
import static io.headprobe.blackbox.TestResults.tls;
import static io.headprobe.blackbox.TestResults.withTls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.headprobe.audit.Audit;
import io.headprobe.http.Header;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import io.headprobe.testing.Promtool;

/**
 * Every metric of one probe, for the kinds of result a probe can have. Expected values are what
 * blackbox_exporter 0.23 printed for the same situation on loopback (see
 * shared/research/blackbox-and-httpx.md), unless marked as a HeadProbe difference.
 */
class BlackboxMetricsTest {

    private static final Set<String> ALWAYS = Set.of("probe_success", "probe_duration_seconds",
            "probe_dns_lookup_time_seconds", "probe_ip_protocol", "probe_ip_addr_hash", "probe_http_duration_seconds",
            "probe_http_status_code", "probe_http_version", "probe_http_redirects", "probe_http_ssl",
            "probe_http_content_length", "probe_http_uncompressed_body_length", "probe_failed_due_to_regex");
    private static final Set<String> TLS = Set.of("probe_ssl_earliest_cert_expiry",
            "probe_ssl_last_chain_expiry_timestamp_seconds", "probe_ssl_last_chain_info", "probe_tls_version_info",
            "probe_tls_cipher_info");
    private static final String HASH_127_0_0_1 = "3.668918509e+09"; // what the exporter printed for 127.0.0.1
    private static final String LEAF_INFO = "probe_ssl_last_chain_info{"
            + "fingerprint_sha256=\"beba7b034e3b6f23941a64574a14b1c2ec803b334020e030431fd0b8deb462c9\","
            + "issuer=\"CN=Test CA,OU=Web\\\\\\\\Ops,O=Acme \\\\\\\"Q\\\\\\\" Inc.,ST=Berlin,C=DE\","
            + "serialnumber=\"0abc12\","
            + "subject=\"CN=localhost,OU=Ops\\\\+Dev,O=Acme\\\\, Inc.,L=Köln,C=DE,"
            + "1.2.840.113549.1.9.1=#0c106f7073406578616d706c652e74657374\","
            + "subjectalternative=\"localhost,foo.example.test\"}";

    record Case(String name, ProbeResult result, Module module, Set<String> families, Map<String, String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Header> plain = List.of(new Header("Content-Length", "5"),
                new Header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"));
        ProbeResult redirected = new ProbeResult("http://example.test/", "https://www.example.test/", true, 200, "HTTP/2",
                List.of(new Header("content-length", "0")),
                List.of(new ProbeResult.Redirect("http://example.test/", 301, "http://example.test/a", hop(1, 2, null, 3),
                        "::1", null),
                        new ProbeResult.Redirect("http://example.test/a", 302, "https://www.example.test/",
                                new ProbeResult.Timings(null, null, 1.0, null, 1.0), "::1", null)),
                new ProbeResult.Timings(30.0, 4.0, 1.0, 5.0, 2.0), "127.0.0.1", List.of("127.0.0.1"), tls(true), null, null);
        Audit audit = new Audit(65, "B-", List.of(new Audit.Finding("csp", "csp-not-implemented", false, -25, null),
                new Audit.Finding("x-frame-options", "x-frame-options-sameorigin-or-deny", true, 0, null)));
        return Stream.of(
                new Case("success", ok(200, "HTTP/1.1", plain), module(),
                        union(ALWAYS, Set.of("probe_http_last_modified_timestamp_seconds")),
                        expect("probe_success", "1", "probe_duration_seconds", "0.0125",
                                "probe_dns_lookup_time_seconds", "0.0015", "probe_ip_protocol", "4",
                                "probe_ip_addr_hash", HASH_127_0_0_1,
                                "probe_http_duration_seconds{phase=\"resolve\"}", "0.0015",
                                "probe_http_duration_seconds{phase=\"connect\"}", "0.002",
                                "probe_http_duration_seconds{phase=\"tls\"}", "0",
                                "probe_http_duration_seconds{phase=\"processing\"}", "0.00325",
                                "probe_http_duration_seconds{phase=\"transfer\"}", "0",
                                "probe_http_status_code", "200", "probe_http_version", "1.1", "probe_http_redirects", "0",
                                "probe_http_ssl", "0", "probe_http_content_length", "5", "probe_failed_due_to_regex", "0",
                                "probe_http_last_modified_timestamp_seconds", "1.44541248e+09")),
                new Case("redirect chain, summed phases, first hop's address", redirected, module(), union(ALWAYS, TLS),
                        expect("probe_success", "1", "probe_http_redirects", "2", "probe_http_version", "2",
                                "probe_dns_lookup_time_seconds", "0.001", "probe_ip_protocol", "6",
                                "probe_http_duration_seconds{phase=\"resolve\"}", "0.005",
                                "probe_http_duration_seconds{phase=\"connect\"}", "0.004",
                                "probe_http_duration_seconds{phase=\"tls\"}", "0.005",
                                "probe_http_duration_seconds{phase=\"processing\"}", "0.006",
                                "probe_http_ssl", "1", "probe_http_content_length", "0")),
                new Case("TLS, verified", withTls(ok(200, "HTTP/1.1", List.of()), tls(true)), module(), union(ALWAYS, TLS),
                        expect("probe_success", "1", "probe_http_ssl", "1", "probe_http_content_length", "-1",
                                "probe_http_duration_seconds{phase=\"tls\"}", "0.004",
                                "probe_ssl_earliest_cert_expiry", epoch("2026-12-16T08:00:00Z"),
                                "probe_ssl_last_chain_expiry_timestamp_seconds", epoch("2026-12-16T08:00:00Z"),
                                LEAF_INFO, "1", "probe_tls_version_info{version=\"TLS 1.3\"}", "1",
                                "probe_tls_cipher_info{cipher=\"TLS_AES_128_GCM_SHA256\"}", "1")),
                // HeadProbe difference: blackbox has no TLS metrics at all when verification fails.
                new Case("TLS verification failure", failed(ErrorCode.TLS_FAILURE, "unknown issuer", List.of("127.0.0.1"),
                        tls(false)), module(), union(ALWAYS, TLS),
                        expect("probe_success", "0", "probe_http_status_code", "0", "probe_http_version", "0",
                                "probe_http_ssl", "0", "probe_http_content_length", "0", "probe_ip_protocol", "4",
                                "probe_http_duration_seconds{phase=\"connect\"}", "0",
                                "probe_ssl_earliest_cert_expiry", epoch("2026-12-16T08:00:00Z"),
                                "probe_ssl_last_chain_expiry_timestamp_seconds", "-6.21355968e+10", LEAF_INFO, "1")),
                new Case("connection refused", failed(ErrorCode.CONNECT_FAILED, "refused", List.of("127.0.0.1"), null),
                        module(), ALWAYS,
                        expect("probe_success", "0", "probe_ip_protocol", "4", "probe_ip_addr_hash", HASH_127_0_0_1,
                                "probe_http_duration_seconds{phase=\"processing\"}", "0", "probe_http_status_code", "0",
                                "probe_http_redirects", "0")),
                new Case("name does not resolve: resolve phase only", failed(ErrorCode.DNS_FAILURE, "servfail", null, null),
                        module(), ALWAYS, expect("probe_success", "0", "probe_ip_protocol", "0", "probe_ip_addr_hash", "0",
                                "probe_http_duration_seconds{phase=\"resolve\"}", "0")),
                new Case("name does not exist: resolve phase only", failed(ErrorCode.DNS_NXDOMAIN, "nx", null, null),
                        module(), ALWAYS, expect("probe_success", "0", "probe_ip_protocol", "0", "probe_ip_addr_hash", "0",
                                "probe_http_duration_seconds{phase=\"resolve\"}", "0")),
                new Case("unparsable target: no address or phase metrics", failed(ErrorCode.INVALID_TARGET, "bad", null, null),
                        module(), Set.of("probe_success", "probe_duration_seconds", "probe_http_status_code",
                                "probe_http_version", "probe_http_redirects", "probe_http_ssl", "probe_http_content_length",
                                "probe_http_uncompressed_body_length", "probe_failed_due_to_regex"),
                        expect("probe_success", "0")),
                new Case("404 with the default module", ok(404, "HTTP/1.1", List.of(new Header("Transfer-Encoding", "chunked"))),
                        module(), ALWAYS, expect("probe_success", "0", "probe_http_status_code", "404",
                                "probe_failed_due_to_regex", "0", "probe_http_content_length", "-1")),
                new Case("audit", ok(200, "HTTP/1.1", List.of()).withAudit(audit), module(),
                        union(ALWAYS, Set.of("headprobe_audit_score", "headprobe_audit_grade_info", "headprobe_audit_test_pass")),
                        expect("headprobe_audit_score", "65", "headprobe_audit_grade_info{grade=\"B-\"}", "1",
                                "headprobe_audit_test_pass{result=\"csp-not-implemented\",test=\"csp\"}", "0",
                                "headprobe_audit_test_pass{result=\"x-frame-options-sameorigin-or-deny\",test=\"x-frame-options\"}",
                                "1")),
                new Case("301 not followed counts one redirect, as Go's client does",
                        ok(301, "HTTP/1.0", List.of(new Header("Location", "/elsewhere"))),
                        new Module("no_follow", Duration.ZERO, List.of(301), List.of(), "GET", Map.of(), false, false, false,
                                List.of(), List.of(), false, Optional.empty(), "ip4", true, Module.HttpExtras.NONE),
                        ALWAYS, expect("probe_success", "1", "probe_http_redirects", "1", "probe_http_version", "1")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metricsOfOneProbe(Case c) {
        String text = ExpositionWriter.write(BlackboxMetrics.of(c.result(), c.module(), 0.0125), ExpositionFormat.PROMETHEUS_TEXT);
        Map<String, String> samples = samples(text);
        assertEquals(new TreeSet<>(c.families()), families(samples), text);
        c.expected().forEach((series, value) -> assertEquals(value, samples.get(series), series + " in\n" + text));
        if (c.families().contains("probe_http_duration_seconds") && c.families().contains("probe_ip_protocol")) {
            long phases = samples.keySet().stream().filter(s -> s.startsWith("probe_http_duration_seconds{")).count();
            assertTrue(phases == 1 || phases == 5, text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promtoolFindsNothingToSay(Case c) {
        String text = ExpositionWriter.write(BlackboxMetrics.of(c.result(), c.module(), 0.0125), ExpositionFormat.PROMETHEUS_TEXT);
        Promtool.Result checked = Promtool.checkMetrics(text);
        assertEquals(0, checked.exitCode(), checked.output() + "\n" + text);
        assertEquals("", checked.output().trim());
    }

    /** Series (name and labels as written) to value, from an exposition in text format 0.0.4. */
    static Map<String, String> samples(String text) {
        Map<String, String> samples = new LinkedHashMap<>();
        text.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), line.substring(space + 1));
        });
        return samples;
    }

    private static TreeSet<String> families(Map<String, String> samples) {
        TreeSet<String> names = new TreeSet<>();
        samples.keySet().forEach(series -> names.add(series.contains("{") ? series.substring(0, series.indexOf('{')) : series));
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Set.copyOf(Stream.concat(a.stream(), b.stream()).toList());
    }

    private static Map<String, String> expect(String... pairs) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            expected.put(pairs[i], pairs[i + 1]);
        }
        return expected;
    }

    private static String epoch(String iso) {
        return GoFloat.format(Instant.parse(iso).getEpochSecond());
    }
}
