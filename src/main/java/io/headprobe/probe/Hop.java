package io.headprobe.probe;

import java.util.List;

import io.headprobe.http.Header;

/**
 * The response head of one request, as it came off the wire, with the address that answered,
 * the hop's timings (DNS is filled in by the caller, who resolved) and its TLS, when https.
 */
record Hop(int status, String httpVersion, List<Header> headers, String remoteAddress, ProbeResult.Timings timings,
        TlsInfo tls) {

    boolean isRedirect() {
        return isRedirect(status);
    }

    static boolean isRedirect(int status) {
        return switch (status) {
            case 301, 302, 303, 307, 308 -> true;
            default -> false;
        };
    }

    Hop withDnsMs(Double dnsMs) {
        return new Hop(status, httpVersion, headers, remoteAddress, timings.withDnsMs(dnsMs), tls);
    }
}
