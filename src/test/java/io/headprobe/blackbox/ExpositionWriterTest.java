package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.audit.Audit;
import io.headprobe.http.Header;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.TlsInfo;
import io.headprobe.testing.Promtool;

/** Both text formats, and escaping of whatever a server or certificate may contain. */
class ExpositionWriterTest {

    private static final String HOSTILE = "a\\b \"quoted\"\nnext line\r} {x=\"y\"} # EOF\n# HELP";

    private static final List<Metric> METRICS = List.of(
            Metric.gauge("probe_success", "Displays whether or not the probe was a success", 1),
            new Metric("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects",
                    List.of(new Metric.Sample(Map.of("phase", "tls"), 0.25), new Metric.Sample(Map.of("phase", "connect"), 0))),
            Metric.gauge("probe_info", "Help with \\ backslash, \"quotes\"\nand a new line", Map.of("z", "1", "a", HOSTILE), 1));

    @Test
    void prometheusText() {
        assertEquals("""
                # HELP probe_http_duration_seconds Duration of http request by phase, summed over all redirects
                # TYPE probe_http_duration_seconds gauge
                probe_http_duration_seconds{phase="connect"} 0
                probe_http_duration_seconds{phase="tls"} 0.25
                # HELP probe_info Help with \\\\ backslash, "quotes"\\nand a new line
                # TYPE probe_info gauge
                probe_info{a="a\\\\b \\"quoted\\"\\nnext line\r} {x=\\"y\\"} # EOF\\n# HELP",z="1"} 1
                # HELP probe_success Displays whether or not the probe was a success
                # TYPE probe_success gauge
                probe_success 1
                """, ExpositionWriter.write(METRICS, ExpositionFormat.PROMETHEUS_TEXT));
    }

    @Test
    void openMetrics() {
        assertEquals("""
                # HELP probe_http_duration_seconds Duration of http request by phase, summed over all redirects
                # TYPE probe_http_duration_seconds gauge
                probe_http_duration_seconds{phase="connect"} 0.0
                probe_http_duration_seconds{phase="tls"} 0.25
                # HELP probe_info Help with \\\\ backslash, \\"quotes\\"\\nand a new line
                # TYPE probe_info gauge
                probe_info{a="a\\\\b \\"quoted\\"\\nnext line\r} {x=\\"y\\"} # EOF\\n# HELP",z="1"} 1.0
                # HELP probe_success Displays whether or not the probe was a success
                # TYPE probe_success gauge
                probe_success 1.0
                # EOF
                """, ExpositionWriter.write(METRICS, ExpositionFormat.OPENMETRICS));
    }

    @Test
    void hostileCertificateAndHeadersStillParse() {
        TlsInfo.Certificate evil = new TlsInfo.Certificate("CN=evil\\\"} probe_success 1\n,O=x\\\\y", "CN=\"\\\\\n",
                List.of("a\"b.test", "line\nbreak.test"), "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z", "ff", "\"\n\\",
                "RSA 2048", "SHA256withRSA");
        ProbeResult result = TestResults.withTls(TestResults.ok(200, "HTTP/1.1",
                List.of(new Header("Last-Modified", "\"\n"), new Header("Content-Length", "\\"))),
                new TlsInfo("TLSv1.2\"", "TLS_\"\n\\", null, true, null, null, 1L, List.of(evil)))
                .withAudit(new Audit(10, "F\"\n", List.of(new Audit.Finding("t\"\n\\", "r\"\n\\", false, -5, null))));
        String text = ExpositionWriter.write(BlackboxMetrics.of(result, Module.http2xx(), 0.1), ExpositionFormat.PROMETHEUS_TEXT);
        assertEquals(1, text.lines().filter(line -> line.startsWith("probe_success ")).count(), text);
        assertTrue(text.lines().noneMatch(line -> line.startsWith("break.test") || line.startsWith(",O=")), text);
        Promtool.Result checked = Promtool.checkMetrics(text);
        assertEquals(0, checked.exitCode(), checked.output() + "\n" + text);
    }

    @Test
    void promtoolReadsTheHostileSample() {
        Promtool.Result checked = Promtool.checkMetrics(ExpositionWriter.write(METRICS, ExpositionFormat.PROMETHEUS_TEXT));
        assertEquals(0, checked.exitCode(), checked.output());
    }

    @Test
    void formatFromAccept() {
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept(null));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept("*/*"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept("text/plain;version=0.0.4"));
        // Prometheus 2.42's scrape Accept header:
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.forAccept("application/openmetrics-text;version=1.0.0,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept("application/openmetrics-text;version=0.0.1"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept("application/openmetrics-text;q=0, */*"));
        assertEquals("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PROMETHEUS_TEXT.contentType());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OPENMETRICS.contentType());
    }
}
