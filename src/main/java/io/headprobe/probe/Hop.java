package io.headprobe.probe;

import java.util.List;

import io.headprobe.http.Header;

/**
 * The response head of one request, as it came off the wire, with the address that answered,
 * the hop's timings (DNS is filled in by the caller, who resolved) and its TLS, when https; and
 * its body's bytes when the request asked for them (null otherwise).
 */
record Hop(int status, String httpVersion, List<Header> headers, String remoteAddress, ProbeResult.Timings timings,
        TlsInfo tls, BodyBuffer.RawBody body) {

    boolean isRedirect() {
        return isRedirect(status);
    }

    /** A redirect the probe goes on from: the next hop, not the answer. */
    boolean isFollowed(boolean followRedirects) {
        return followRedirects && isRedirect() && Header.first(headers, "Location") != null;
    }

    static boolean isRedirect(int status) {
        return switch (status) {
            case 301, 302, 303, 307, 308 -> true;
            default -> false;
        };
    }

    Hop withBody(BodyBuffer.RawBody read, double transferMs) {
        return new Hop(status, httpVersion, headers, remoteAddress, timings.withTransferMs(transferMs), tls, read);
    }

    Hop withDnsMs(Double dnsMs) {
        return new Hop(status, httpVersion, headers, remoteAddress, timings.withDnsMs(dnsMs), tls, body);
    }
}
