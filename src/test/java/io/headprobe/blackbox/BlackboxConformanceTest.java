package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.headprobe.testing.ConnectProxy;
import io.headprobe.testing.DnsServer;
import io.headprobe.testing.DnsZone;
import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.GrpcHealthServer;
import io.headprobe.testing.LinePeers;
import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.RecordingServer;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.StockBlackbox;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Conformance with the real blackbox_exporter (Debian's 0.23): both probe the same loopback targets
 * with the same blackbox.yml; every metric both expose must have the same type and label names,
 * and the same value for status code, HTTP version, redirects, ssl, success, certificate expiry,
 * the regex flag and the body's lengths (POST bodies, body regexes, body_size_limit included).
 * The comparison is written to target/blackbox-conformance.md. The stock blackbox.yml's tcp modules
 * (as Debian installs them, plus pop3s_banner with the test CA as ca_file) are compared more
 * strictly: every metric both write must have the same samples, durations aside (written to
 * target/blackbox-conformance-tcp.md); so are the dns modules and the stock file's grpc modules
 * (plus grpc_ca, the test CA as ca_file), to -dns.md and -grpc.md.
 */
@QuarkusTest
@TestProfile(BlackboxConformanceTest.Profile.class)
class BlackboxConformanceTest {

    static final Path EXPORTER = Path.of("/usr/bin/prometheus-blackbox-exporter");
    /** Values that mean the same in both and must be equal. */
    static final List<String> EQUAL_VALUES = List.of("probe_success", "probe_http_status_code", "probe_http_version",
            "probe_http_redirects", "probe_http_ssl", "probe_ssl_earliest_cert_expiry", "probe_failed_due_to_regex",
            "probe_http_content_length", "probe_http_uncompressed_body_length");
    /** Labels HeadProbe has from newer blackbox releases than Debian's 0.23 (serialnumber is 0.26+). */
    static final Set<String> NEWER_LABELS = Set.of("serialnumber");
    /**
     * Metrics blackbox writes that HeadProbe leaves out on purpose, each listed in README's
     * differences; any other metric blackbox writes and HeadProbe lacks fails the test.
     */
    static final Map<String, String> LEFT_OUT = Map.of();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Setup.class));
        }
    }

    /** A CA and a blackbox.yml naming it, shared by HeadProbe (config) and blackbox (its file). */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static TestCa ca;
        static TestCa.Leaf client;
        static Path config;
        static ConnectProxy proxy;
        static ConnectProxy refusing;

        @Override
        public Map<String, String> start() {
            try {
                ca = TestCa.create();
                proxy = ConnectProxy.start();
                refusing = ConnectProxy.refusing(407);
                client = ca.leaf("prober.example");
                config = Files.createTempDirectory("blackbox").resolve("blackbox.yml");
                Files.writeString(config, """
                        modules:
                          http_2xx:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                          http_tls:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              tls_config:
                                ca_file: %1$s
                          http_post_2xx:
                            prober: http
                            timeout: 2s
                            http:
                              method: POST
                              preferred_ip_protocol: ip4
                          http_post:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              method: POST
                              body: '{"q":1}'
                              headers: {Content-Type: application/json}
                          body_regex:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              fail_if_body_matches_regexp: ['Could not connect']
                              fail_if_body_not_matches_regexp: ['hello w.rld']
                          body_limit:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              body_size_limit: 16B
                          tls_server_name:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              tls_config: {ca_file: %1$s, server_name: tls.example}
                          tls13_only:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              tls_config: {ca_file: %1$s, min_version: TLS13}
                          client_certificate:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              tls_config: {ca_file: %1$s, cert_file: %2$s, key_file: %3$s}
                          proxied:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              proxy_url: %4$s
                              proxy_connect_header: {Proxy-Authorization: [Bearer conformance]}
                              tls_config: {ca_file: %1$s}
                          proxy_refusing:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              proxy_url: %5$s
                              tls_config: {ca_file: %1$s}
                          proxy_unreachable:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              proxy_url: http://127.0.0.1:%6$d
                          proxy_skip_resolve:
                            prober: http
                            timeout: 2s
                            http:
                              preferred_ip_protocol: ip4
                              proxy_url: %4$s
                              skip_resolve_phase_with_proxy: true
                              tls_config: {ca_file: %1$s}
                          pop3s_banner_ca:
                            prober: tcp
                            tcp:
                              query_response:
                              - expect: "^+OK"
                              tls: true
                              tls_config:
                                insecure_skip_verify: false
                                ca_file: %1$s
                          dns_over_tls_ca:
                            prober: dns
                            dns:
                              query_name: a.test
                              query_type: A
                              transport_protocol: tcp
                              dns_over_tls: true
                              tls_config: {ca_file: %1$s}
                          grpc_ca:
                            prober: grpc
                            grpc:
                              tls: true
                              preferred_ip_protocol: "ip4"
                              tls_config: {ca_file: %1$s}
                          grpc_ca_down:
                            prober: grpc
                            grpc:
                              tls: true
                              service: down
                              preferred_ip_protocol: "ip4"
                              tls_config: {ca_file: %1$s}
                          grpc_down:
                            prober: grpc
                            grpc: {service: down}
                          grpc_unknown:
                            prober: grpc
                            grpc: {service: nope}
                        """.formatted(ca.rootPemFile(), client.chainFile(), client.keyFile(), proxy.url(), refusing.url(),
                        Loopback.refusingPort()) + StockBlackbox.TCP_MODULES + StockBlackbox.GRPC_MODULES
                        + DnsZone.MODULES);
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            proxy.close();
            refusing.close();
        }
    }

    static ExternalProcess exporter;
    static final List<AutoCloseable> servers = new ArrayList<>();
    static final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void startExporter() throws Exception {
        ExternalProcess.require(EXPORTER, "prometheus-blackbox-exporter");
        Path dir = Setup.config.getParent();
        exporter = ExternalProcess.start(dir, EXPORTER.toString(), "--config.file=" + Setup.config,
                "--web.listen-address=127.0.0.1:{port}");
    }

    @AfterAll
    static void stop() throws Exception {
        release.countDown();
        for (AutoCloseable server : servers) {
            server.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void agreesWithBlackboxOnEveryTarget() throws Exception {
        RawServer ok = serve(RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
        RawServer second = serve(RawServer.start(RawServer.answering(
                "HTTP/1.1 301 Moved\r\nLocation: " + ok.url("/end") + "\r\nContent-Length: 0\r\n\r\n")));
        RawServer first = serve(RawServer.start(RawServer.answering(
                "HTTP/1.1 302 Found\r\nLocation: " + second.url("/next") + "\r\nContent-Length: 0\r\n\r\n")));
        RawServer notFound = serve(RawServer.start(RawServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));
        RawServer slow = serve(RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            release.await(30, TimeUnit.SECONDS);
        }));
        TlsServer https = serve(TlsServer.start(Setup.ca.leaf("127.0.0.1")));
        TlsServer expired = serve(TlsServer.start(Setup.ca.expiredLeaf("127.0.0.1")));
        RecordingServer bodies = serve(RecordingServer.plain(BlackboxHttpKeysTest::answer));
        RecordingServer mutual = serve(RecordingServer.tlsWithClientCertificates(Setup.ca.leaf("127.0.0.1"), Setup.ca,
                BlackboxHttpKeysTest::answer));
        TlsServer named = serve(TlsServer.start(Setup.ca.leaf("tls.example")));
        TlsServer tls12 = serve(TlsServer.start(Setup.ca.leaf("127.0.0.1"), TlsServer.Alpn.H2_AND_HTTP11, TlsServer.TLS12));

        Map<String, String[]> targets = new LinkedHashMap<>();
        targets.put("200", new String[] { ok.url("/"), "http_2xx" });
        targets.put("redirect chain", new String[] { first.url("/"), "http_2xx" });
        targets.put("404", new String[] { notFound.url("/"), "http_2xx" });
        targets.put("refused port", new String[] { "http://127.0.0.1:1/", "http_2xx" });
        targets.put("slow beyond timeout", new String[] { slow.url("/"), "http_2xx" });
        targets.put("https, test CA", new String[] { https.url("/"), "http_tls" });
        targets.put("https, expired", new String[] { expired.url("/"), "http_tls" });
        targets.put("stock http_post_2xx: POST without body", new String[] { bodies.url("/post-empty"), "http_post_2xx" });
        targets.put("POST with a JSON body", new String[] { bodies.url("/post"), "http_post" });
        targets.put("GET where only POST is taken", new String[] { bodies.url("/post"), "http_2xx" });
        targets.put("body regexes pass", new String[] { bodies.url("/"), "body_regex" });
        targets.put("body matches the failing regex", new String[] { bodies.url("/error"), "body_regex" });
        targets.put("body lacks the wanted regex", new String[] { bodies.url("/big"), "body_regex" });
        targets.put("body within body_size_limit", new String[] { bodies.url("/"), "body_limit" });
        targets.put("body over body_size_limit", new String[] { bodies.url("/big"), "body_limit" });
        targets.put("server_name names the certificate", new String[] { named.url("/"), "tls_server_name" });
        targets.put("min_version TLS13, the server stops at 1.2", new String[] { tls12.url("/"), "tls13_only" });
        targets.put("min_version TLS13, the server has 1.3", new String[] { https.url("/"), "tls13_only" });
        targets.put("a client certificate the server checks", new String[] { mutual.url("/"), "client_certificate" });
        targets.put("no client certificate where one is required", new String[] { mutual.url("/"), "http_tls" });
        TlsServer byName = serve(TlsServer.start(Setup.ca.leaf("allowed.test")));
        // Debian's 0.23 has proxy_url, proxy_connect_header and skip_resolve_phase_with_proxy; no_proxy and
        // proxy_from_environment are later (BlackboxProxyTest and ProxyKeysTest cover them).
        targets.put("https through a CONNECT proxy", new String[] { https.url("/"), "proxied" });
        targets.put("http through a proxy, redirect chain", new String[] { first.url("/"), "proxied" });
        targets.put("a proxy that answers the CONNECT with 407", new String[] { https.url("/"), "proxy_refusing" });
        targets.put("a proxy that is not there", new String[] { ok.url("/"), "proxy_unreachable" });
        targets.put("skip_resolve: the proxy resolves the name", new String[] { byName.url("allowed.test", "/"), "proxy_skip_resolve" });

        StringBuilder table = new StringBuilder("| target | metric | blackbox | HeadProbe |\n| --- | --- | --- | --- |\n");
        List<String> problems = new ArrayList<>();
        Set<String> onlyBlackbox = new TreeSet<>();
        Set<String> onlyHeadProbe = new TreeSet<>();
        for (Map.Entry<String, String[]> target : targets.entrySet()) {
            ScrapedMetrics theirs = ScrapedMetrics.parse(scrapeBlackbox(target.getValue()[0], target.getValue()[1]));
            ScrapedMetrics ours = ScrapedMetrics.parse(given().queryParam("target", target.getValue()[0])
                    .queryParam("module", target.getValue()[1]).when().get("/probe").then().statusCode(200)
                    .extract().asString());
            for (String name : theirs.types.keySet()) {
                if (!ours.types.containsKey(name)) {
                    onlyBlackbox.add(name);
                    continue;
                }
                if (!theirs.types.get(name).equals(ours.types.get(name))) {
                    problems.add(target.getKey() + ": " + name + " is a " + ours.types.get(name) + ", not a "
                            + theirs.types.get(name));
                }
                Set<String> theirLabels = labelNames(theirs, name);
                Set<String> ourLabels = labelNames(ours, name);
                ourLabels.removeAll(NEWER_LABELS);
                if (!theirLabels.equals(ourLabels)) {
                    problems.add(target.getKey() + ": " + name + " has labels " + ourLabels + ", blackbox " + theirLabels);
                }
            }
            ours.types.keySet().stream().filter(name -> !theirs.types.containsKey(name)).forEach(onlyHeadProbe::add);
            for (String name : EQUAL_VALUES) {
                Double a = theirs.value(name);
                Double b = ours.value(name);
                if (a != null && b != null) {
                    table.append("| ").append(target.getKey()).append(" | ").append(name).append(" | ").append(a)
                            .append(" | ").append(b).append(" |\n");
                    if (Math.abs(a - b) > 1e-9) {
                        problems.add(target.getKey() + ": " + name + " = " + b + ", blackbox says " + a);
                    }
                }
            }
            Double a = theirs.value("probe_duration_seconds");
            Double b = ours.value("probe_duration_seconds");
            table.append("| ").append(target.getKey()).append(" | probe_duration_seconds | ")
                    .append(String.format("%.4f", a)).append(" | ").append(String.format("%.4f", b)).append(" |\n");
            if (Math.abs(a - b) > 1.5) {
                problems.add(target.getKey() + ": probe_duration_seconds " + b + " vs blackbox " + a);
            }
        }
        table.append("\nOnly in blackbox (for some target): ").append(onlyBlackbox)
                .append("\n\nOnly in HeadProbe (for some target): ").append(onlyHeadProbe).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/blackbox-conformance.md"), table);
        onlyBlackbox.removeAll(LEFT_OUT.keySet());
        assertEquals(Set.of(), onlyBlackbox, "metrics blackbox writes and HeadProbe lacks\n" + table);
        assertEquals(List.of(), problems, table.toString());
        assertTrue(table.indexOf("probe_success") > 0, "at least one value was compared");
    }

    /** Timings, which differ from run to run. */
    static final Set<String> DURATIONS = Set.of("probe_duration_seconds", "probe_dns_lookup_time_seconds",
            "probe_dns_duration_seconds", "probe_grpc_duration_seconds");
    /**
     * Metrics Debian's 0.23 writes as 0 where blackbox 0.26 and later (HeadProbe follows 0.28) write
     * nothing: grpc's TLS gauges are registered only after a TLS handshake since #1338. (grpc's
     * metadata key is 0.26 too: 0.23 refuses a file with it, so it is tested in GrpcProbeTest only.)
     */
    static final Set<String> ZERO_ONLY_IN_023 = Set.of("probe_ssl_earliest_cert_expiry");

    @Test
    void agreesWithBlackboxOnTheStockGrpcModules() throws Exception {
        GrpcHealthServer plain = serve(GrpcHealthServer.plain());
        GrpcHealthServer tls = serve(GrpcHealthServer.tls(Setup.ca.leaf("127.0.0.1")));
        Map<String, String[]> targets = new LinkedHashMap<>();
        targets.put("grpc_plain, health service (service1 SERVING)", new String[] { plain.hostPort(), "grpc_plain" });
        targets.put("grpc_plain, http:// prefix", new String[] { "http://" + plain.hostPort(), "grpc_plain" });
        targets.put("grpc_plain, refused port", new String[] { "127.0.0.1:" + Loopback.refusingPort(), "grpc_plain" });
        targets.put("grpc_plain, TLS server", new String[] { tls.hostPort(), "grpc_plain" });
        targets.put("grpc_down, NOT_SERVING", new String[] { plain.hostPort(), "grpc_down" });
        targets.put("grpc_unknown, unknown service (status 5)", new String[] { plain.hostPort(), "grpc_unknown" });
        targets.put("grpc, test CA not trusted", new String[] { tls.hostPort(), "grpc" });
        targets.put("grpc, plain server", new String[] { plain.hostPort(), "grpc" });
        targets.put("grpc_ca, test CA as ca_file", new String[] { tls.hostPort(), "grpc_ca" });
        targets.put("grpc_ca_down, NOT_SERVING over TLS", new String[] { tls.hostPort(), "grpc_ca_down" });
        String table = compare(targets, "target/blackbox-conformance-grpc.md");
        assertTrue(table.contains("probe_grpc_healthcheck_response"), "values were compared");
        assertTrue(table.contains("probe_ssl_last_chain_info"), "TLS values were compared");
    }

    @Test
    void agreesWithBlackboxOnDnsModules() throws Exception {
        DnsServer dns = serve(DnsZone.start().overTls(Setup.ca.leaf("127.0.0.1")));
        String server = dns.address();
        Map<String, String[]> targets = new LinkedHashMap<>();
        for (String module : List.of("dns_a", "dns_a_tcp", "dns_any", "dns_soa", "dns_mx", "dns_mx_all_a", "dns_mx_no_ns_address",
                "dns_nx", "dns_nx_default", "dns_silent", "dns_garbled")) {
            targets.put(module + ", test DNS server", new String[] { server, module });
        }
        targets.put("dns_a, no port (53, nothing there)", new String[] { "127.0.0.1", "dns_a" });
        targets.put("dns_over_tls_ca, test CA as ca_file", new String[] { "127.0.0.1:" + dns.tlsPort(), "dns_over_tls_ca" });
        String table = compare(targets, "target/blackbox-conformance-dns.md");
        assertTrue(table.contains("probe_dns_answer_rrs"), "values were compared");
    }

    @Test
    void agreesWithBlackboxOnTheStockTcpModules() throws Exception {
        RawServer listener = serve(RawServer.start(socket -> socket.getInputStream().read()));
        RawServer ssh = serve(RawServer.start(LinePeers.sshBanner(new LinkedBlockingQueue<>())));
        RawServer irc = serve(RawServer.start(LinePeers.irc(new LinkedBlockingQueue<>())));
        RawServer notSsh = serve(RawServer.start(LinePeers.pop3Banner(true)));
        // Reads what irc_banner sends first, so that closing leaves nothing unread (no reset, which races the data).
        RawServer notIrc = serve(RawServer.start(socket -> {
            LinePeers.readLine(socket);
            LinePeers.readLine(socket);
            LinePeers.write(socket, "ERROR :Closing link\r\n");
        }));
        RawServer pop3s = serve(RawServer.tls(Setup.ca.leaf("127.0.0.1"), LinePeers.pop3Banner(false)));
        RawServer silent = serve(RawServer.start(socket -> release.await(30, TimeUnit.SECONDS)));

        Map<String, String[]> targets = new LinkedHashMap<>();
        targets.put("tcp_connect, listener", new String[] { listener.hostPort(), "tcp_connect" });
        targets.put("tcp_connect, refused port", new String[] { "127.0.0.1:" + Loopback.refusingPort(), "tcp_connect" });
        targets.put("tcp_connect, no port", new String[] { "127.0.0.1", "tcp_connect" });
        targets.put("ssh_banner, ssh server", new String[] { ssh.hostPort(), "ssh_banner" });
        targets.put("ssh_banner, silent peer", new String[] { silent.hostPort(), "ssh_banner" });
        targets.put("ssh_banner, pop3 server", new String[] { notSsh.hostPort(), "ssh_banner" });
        targets.put("irc_banner, irc server", new String[] { irc.hostPort(), "irc_banner" });
        targets.put("irc_banner, server that says ERROR", new String[] { notIrc.hostPort(), "irc_banner" });
        targets.put("pop3s_banner, test CA not trusted", new String[] { pop3s.hostPort(), "pop3s_banner" });
        targets.put("pop3s_banner_ca, test CA as ca_file", new String[] { pop3s.hostPort(), "pop3s_banner_ca" });

        String table = compare(targets, "target/blackbox-conformance-tcp.md");
        assertTrue(table.contains("probe_failed_due_to_regex"), "values were compared");
    }

    /**
     * Scrapes both exporters for each target (module, target) and compares every metric both write,
     * durations aside; writes the table to the file and fails on any difference.
     */
    private static String compare(Map<String, String[]> targets, String file) throws Exception {
        StringBuilder table = new StringBuilder(
                "| module, target | probe_success blackbox | HeadProbe | metrics compared |\n| --- | --- | --- | --- |\n");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> target : targets.entrySet()) {
            String[] t = target.getValue();
            ScrapedMetrics theirs = ScrapedMetrics.parse(scrapeBlackbox(t[0], t[1], "2"));
            ScrapedMetrics ours = ScrapedMetrics.parse(given().queryParam("target", t[0]).queryParam("module", t[1])
                    .header("X-Prometheus-Scrape-Timeout-Seconds", "2")
                    .when().get("/probe").then().statusCode(200).extract().asString());
            Set<String> compared = new TreeSet<>();
            for (String name : theirs.types.keySet()) {
                if (!ours.types.containsKey(name) && ZERO_ONLY_IN_023.contains(name) && theirs.value(name) == 0) {
                    continue;
                }
                if (!ours.types.containsKey(name)) {
                    problems.add(target.getKey() + ": blackbox writes " + name + ", HeadProbe does not");
                } else if (!DURATIONS.contains(name)) {
                    compared.add(name);
                    if (!samples(theirs, name).equals(samples(ours, name))) {
                        problems.add(target.getKey() + ": " + name + " = " + samples(ours, name) + ", blackbox says "
                                + samples(theirs, name));
                    }
                }
            }
            table.append("| ").append(target.getKey()).append(" | ").append(theirs.value("probe_success")).append(" | ")
                    .append(ours.value("probe_success")).append(" | ").append(String.join(", ", compared)).append(" |\n");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of(file), table);
        assertEquals(List.of(), problems, table.toString());
        return table.toString();
    }

    /** The samples of a metric, label sets without the labels only newer blackbox releases write. */
    private static Set<String> samples(ScrapedMetrics metrics, String name) {
        Set<String> samples = new TreeSet<>();
        metrics.samples.getOrDefault(name, List.of()).forEach(sample -> {
            Map<String, String> labels = new TreeMap<>(sample.labels());
            labels.keySet().removeAll(NEWER_LABELS);
            samples.add(labels + " " + sample.value());
        });
        return samples;
    }

    private static Set<String> labelNames(ScrapedMetrics metrics, String name) {
        Set<String> names = new TreeSet<>();
        metrics.samples.getOrDefault(name, List.of()).forEach(sample -> names.addAll(sample.labels().keySet()));
        return names;
    }

    private static String scrapeBlackbox(String target, String module) throws IOException, InterruptedException {
        return scrapeBlackbox(target, module, null);
    }

    /** @param scrapeTimeout X-Prometheus-Scrape-Timeout-Seconds, or null for none */
    private static String scrapeBlackbox(String target, String module, String scrapeTimeout)
            throws IOException, InterruptedException {
        String url = exporter.url("/probe?module=" + module + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (scrapeTimeout != null) {
            request.header("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeout);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static <T extends AutoCloseable> T serve(T server) {
        servers.add(server);
        return server;
    }
}
