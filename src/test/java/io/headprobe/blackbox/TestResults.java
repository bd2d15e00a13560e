package io.headprobe.blackbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.re2j.Pattern;

import io.headprobe.http.Header;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.TlsInfo;
import io.headprobe.probe.TlsVerifyError;

/** Probe results and modules for the blackbox tests, built by hand: the metrics are pure functions of them. */
final class TestResults {

    static final String LEAF_SUBJECT = "1.2.840.113549.1.9.1=#16106f7073406578616d706c652e74657374,CN=localhost,OU=Ops\\+Dev,O=Acme\\, Inc.,L=Köln,C=DE";
    static final String LEAF_ISSUER = "CN=Test CA,OU=Web\\\\Ops,O=Acme \\\"Q\\\" Inc.,ST=Berlin,C=DE";

    private TestResults() {
    }

    static ProbeResult.Timings hop(double dns, double connect, Double tls, double headers) {
        return new ProbeResult.Timings(null, dns, connect, tls, headers);
    }

    static ProbeResult ok(int status, String version, List<Header> headers) {
        return new ProbeResult("http://example.test/", "http://example.test/", true, status, version, headers, List.of(),
                new ProbeResult.Timings(12.0, 1.5, 2.0, null, 3.25), "127.0.0.1", List.of("127.0.0.1", "::1"),
                null, null, null);
    }

    static ProbeResult withTls(ProbeResult r, TlsInfo tls) {
        return new ProbeResult(r.target(), r.url().replace("http:", "https:"), r.ok(), r.status(), r.httpVersion(),
                r.headers(), r.redirects(), r.ok() ? new ProbeResult.Timings(20.0, 1.5, 2.0, 4.0, 3.25) : r.timings(),
                r.remoteAddress(), r.addresses(), tls, r.error(), r.audit());
    }

    static ProbeResult failed(ErrorCode code, String message, List<String> addresses, TlsInfo tls) {
        return new ProbeResult("https://example.test/", "https://example.test/", false, null, null, List.of(), List.of(),
                new ProbeResult.Timings(7.0, null, null, null, null), null, addresses, tls, new ProbeResult.Error(code, message), null);
    }

    static TlsInfo tls(boolean verified) {
        return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1", verified,
                verified ? null : TlsVerifyError.UNKNOWN_ISSUER, verified ? null : "unknown issuer", 20L,
                List.of(new TlsInfo.Certificate(LEAF_SUBJECT, LEAF_ISSUER,
                        List.of("localhost", "127.0.0.1", "foo.example.test", "0:0:0:0:0:0:0:1"),
                        "2026-11-26T08:00:00Z", "2026-12-16T08:00:00Z", "abc12",
                        "beba7b034e3b6f23941a64574a14b1c2ec803b334020e030431fd0b8deb462c9", "RSA 2048",
                        "SHA256withRSA"),
                        new TlsInfo.Certificate(LEAF_ISSUER, LEAF_ISSUER, List.of(), "2026-11-26T08:00:00Z",
                                "2026-12-26T08:00:00Z", "1f", "00", "RSA 2048", "SHA256withRSA")));
    }

    static Module module() {
        return Module.http2xx();
    }

    static Module module(List<Integer> statusCodes, List<String> versions, boolean failIfSsl, boolean failIfNotSsl,
            List<Module.HeaderMatch> matches, List<Module.HeaderMatch> notMatches) {
        return new Module("custom", Duration.ZERO, statusCodes, versions, "GET", Map.of(), true, failIfSsl, failIfNotSsl,
                matches, notMatches, false, Optional.empty(), "ip6", true, Module.HttpExtras.NONE);
    }

    static Module.HeaderMatch header(String name, String regexp, boolean allowMissing) {
        return new Module.HeaderMatch(name, Pattern.compile(regexp), allowMissing);
    }
}
