package io.headprobe.blackbox;

import io.headprobe.probe.ProbeResult;

/**
 * What blackbox's {@code debug=true} shows: a log of the probe, the metrics it would have
 * returned, and the module's configuration.
 */
final class DebugPage {

    private DebugPage() {
    }

    static String of(ProbeResult result, Module module, String metrics) {
        StringBuilder page = new StringBuilder("Logs for the probe:\n");
        line(page, "msg=\"Beginning probe\" probe=http target=" + quote(result.target()));
        if (result.addresses() != null) {
            line(page, "msg=\"Resolved target address\" addresses=" + quote(String.join(",", result.addresses())));
        }
        for (ProbeResult.Redirect hop : result.redirects()) {
            line(page, "msg=\"Received redirect\" url=" + quote(hop.url()) + " status=" + hop.status() + " location="
                    + quote(hop.location()) + timings(hop.timings()));
        }
        if (result.ok()) {
            line(page, "msg=\"Received HTTP response\" url=" + quote(result.url()) + " status_code=" + result.status()
                    + " version=" + result.httpVersion() + " remote_address=" + result.remoteAddress()
                    + timings(result.timings()));
        } else {
            line(page, "msg=\"Error for HTTP request\" url=" + quote(result.url()) + " code=" + result.error().code()
                    + " err=" + quote(result.error().message()));
        }
        page.append("\n\nMetrics that would have been returned:\n").append(metrics);
        page.append("\n\nModule configuration:\n").append(module).append('\n');
        return page.toString();
    }

    private static String timings(ProbeResult.Timings t) {
        return t == null ? "" : " dns_ms=" + t.dnsMs() + " connect_ms=" + t.connectMs() + " tls_ms=" + t.tlsMs()
                + " headers_ms=" + t.headersMs();
    }

    private static void line(StringBuilder page, String text) {
        page.append("level=info ").append(text).append('\n');
    }

    private static String quote(String value) {
        return value == null ? "\"\"" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
